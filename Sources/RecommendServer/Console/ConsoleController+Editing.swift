internal import Foundation
internal import Hummingbird
internal import HummingbirdAuth
internal import Logging
internal import RecommendCore

extension ConsoleController {
    /// `POST /articles/{id}/overrides`, the console's edit form: fields `action` (`pin`, `block`, `unpin`,
    /// `unblock`), `article`, `position` (pins), `scope=everywhere` (blocks in every list), `version` (of the
    /// overrides the page showed), `csrf` and `return` (the page's controls).
    ///
    /// Answers 403 when editing is off, 401 (asking for Basic credentials) without an editor's credentials, 403
    /// when the form's CSRF token is not the cookie's, 409 when the overrides changed since the page was loaded,
    /// 400 for a change that cannot be made; in all of them nothing is written. A saved change is served at once
    /// and the editor is sent back to the article's page, which says what was saved.
    @Sendable func edit(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.decoded("id", kind: "article id")
        let back = MessagePage.Link(href: "/articles/\(ConsolePath.segment(id))", label: "Back to the article")
        guard editors != nil else {
            return .consoleMessage(
                "Editing is off",
                "This service was started without editor credentials, so nothing can be changed here.",
                status: .forbidden, link: back)
        }
        guard let editor = context.identity else {
            return .consoleMessage(
                "Sign in to edit", "Changing the lists needs an editor's name and secret.", status: .unauthorized,
                link: back, headers: [.wwwAuthenticate: "Basic realm=\"recommend editors\", charset=\"UTF-8\""])
        }
        let form = try await ConsoleForm.read(request, limit: maxBodyBytes)
        guard let token = CSRFToken(cookieOf: request), form["csrf"] == token.value else {
            return .consoleMessage(
                "Form expired",
                "This form did not come from a page of this console (or its cookie is gone). Reload the article's "
                    + "page and make the change again.", status: .forbidden, link: back)
        }
        let change: OverridesEdit
        do {
            change = try Self.change(form, query: id)
        } catch {
            return .consoleMessage("Not saved", "\(error)", status: .badRequest, link: back)
        }
        let snapshot = try served.require()
        let saved: OverridesStore.Saved
        do throws(OverridesEditError) {
            saved = try store.apply(change, expecting: form["version"] ?? "", editor: editor.name, index: snapshot.index)
        } catch .conflict {
            return .consoleMessage(
                "Changed by someone else",
                "\(OverridesEditError.conflict(expected: "", current: "")) Nothing was saved.", status: .conflict,
                link: .init(href: back.href, label: "Reload the article"))
        } catch .writeFailed(let error) {
            context.logger.error("overrides not saved", metadata: ["error": "\(error)"])
            return .consoleMessage("Not saved", "\(error)", status: .internalServerError, link: back)
        } catch {
            return .consoleMessage("Not saved", "\(error)", status: .badRequest, link: back)
        }
        served.replaceOverrides(saved.overrides, version: saved.version, of: snapshot)
        context.logger.notice(
            "overrides changed",
            metadata: ["user": "\(editor.name)", "change": "\(change)", "overrides.version": "\(saved.version)"])
        let controls = form["return"].map { ConsoleForm(encoded: $0).encoded(keeping: RelatedQuery.parameterNames) } ?? ""
        let saidSaved = "saved=" + ConsolePath.queryValue("\(editor.name) \(change)")
        return Response(
            status: .seeOther,
            headers: [.location: back.href + "?" + (controls.isEmpty ? saidSaved : controls + "&" + saidSaved)])
    }

    /// The change a form asks for on the list of `query`.
    /// - Throws: `ServiceError.invalidParameter` naming the field.
    static func change(_ form: ConsoleForm, query: String) throws(ServiceError) -> OverridesEdit {
        let article = (form["article"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !article.isEmpty else { throw .invalidParameter(name: "article", value: "", expected: "an article id") }
        let everywhere = form["scope"] == "everywhere"
        switch form["action"] ?? "" {
        case "pin":
            let text = form["position"] ?? "1"
            guard let position = Int(text), position >= 1 else {
                throw .invalidParameter(name: "position", value: text, expected: "a whole number, 1 or more")
            }
            return .pin(article: article, for: query, position: position)
        case "unpin": return .unpin(article: article, for: query)
        case "block": return .block(article: article, for: everywhere ? nil : query)
        case "unblock": return .unblock(article: article, for: everywhere ? nil : query)
        case let other: throw .invalidParameter(name: "action", value: other, expected: "pin, unpin, block or unblock")
        }
    }
}

extension ConsoleForm {
    /// The fields named in `names`, non-empty, as a query string in name order.
    func encoded(keeping names: Set<String>) -> String {
        names.sorted().compactMap { name in
            self[name].flatMap { $0.isEmpty ? nil : "\(name)=\(ConsolePath.queryValue($0))" }
        }.joined(separator: "&")
    }
}
