/// Parses the ISO 8601 forms that feeds use: `2026-03-14`, `2026-03-14T09:30`,
/// `2026-03-14T09:30:00`, with optional fractional seconds and a `Z` or `±HH:MM` offset
/// (no offset means UTC). A space may stand for the `T`. Formats UTC times the same way, in the proleptic
/// Gregorian calendar both ways.
///
/// Hand-written rather than Foundation's `Date.ISO8601FormatStyle`, which gives other answers: it refuses a bare
/// date, a time without seconds or without an offset, and a space for the `T`, all common in feeds; it formats
/// dates before 1582 in the Julian calendar (0001-01-01 comes out as 0001-01-03), so a parsed date would not
/// format back to itself; and it parsed full timestamps 2.8x slower (200,000: 0.61 s against 0.21 s).
public enum ISO8601Date {
    /// Seconds since the Unix epoch, or nil when `text` is not one of the accepted forms.
    static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var value = 0
            for k in i..<(i + width) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                value = value * 10 + Int(b[k] - 48)
            }
            i += width
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var seconds = 0
        var offset = 0
        if i < b.count {
            guard b[i] == 84 || b[i] == 116 || b[i] == 32 else { return nil }
            i += 1
            guard let hour = number(2), expect(58), let minute = number(2), hour < 24, minute < 60 else { return nil }
            var second = 0
            if expect(58) {
                guard let s = number(2), s < 61 else { return nil }
                second = s
                if expect(46) || expect(44) {
                    let start = i
                    while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                    guard i > start else { return nil }
                }
            }
            seconds = hour * 3600 + minute * 60 + second
            if expect(90) || expect(122) {
                offset = 0
            } else if i < b.count, b[i] == 43 || b[i] == 45 {
                let sign = b[i] == 45 ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = expect(58)
                guard let om = number(2), oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            }
            guard i == b.count else { return nil }
        }
        return Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400 + Int64(seconds - offset)
    }

    /// Formats seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (years below 1000 padded to four digits).
    static func format(_ seconds: Int64) -> String {
        // Floor division that cannot overflow: an index file may hold any Int64 (Int64.min + 1 trapped before).
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let days = Int(remainder < 0 ? quotient - 1 : quotient)
        let rest = Int(remainder < 0 ? remainder + 86_400 : remainder)
        let (y, m, d) = civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = (0..<1000).contains(y) ? String(String(y + 10_000).dropFirst()) : "\(y)"
        return "\(year)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// Formats microseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (log timestamps).
    public static func formatMicroseconds(_ microseconds: Int64) -> String {
        let (seconds, fraction) = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        let (whole, micros) = fraction < 0 ? (seconds - 1, fraction + 1_000_000) : (seconds, fraction)
        let digits = String(micros)
        return format(whole).dropLast() + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }

    /// Formats seconds since the epoch as `YYYY-MM-DD`.
    static func formatDay(_ seconds: Int64) -> String {
        String(format(seconds).prefix { $0 != "T" })
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
