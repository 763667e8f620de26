internal import Hummingbird

extension Response {
    /// An HTML page or fragment; not stored by caches unless `headers` say otherwise (console pages carry the
    /// editor's form token and change with every edit).
    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A console page saying what went wrong or what to do next, with a link onwards.
    static func consoleMessage(
        _ heading: String, _ text: String, status: HTTPResponse.Status, link: MessagePage.Link? = nil,
        headers: HTTPFields = [:]
    ) -> Response {
        .html(
            ConsoleTemplates.render(
                MessagePage(title: heading, heading: heading, text: text, link: link), template: "message"),
            status: status, headers: headers)
    }
}

/// The model of the `message` template.
struct MessagePage {
    struct Link {
        var href: String
        var label: String
    }

    var title: String
    var heading: String
    var text: String
    var link: Link?
}
