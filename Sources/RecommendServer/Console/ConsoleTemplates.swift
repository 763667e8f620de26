internal import Mustache

/// The console's pages as mustache templates, compiled into the binary so the service needs no file beside it
/// and loads nothing from elsewhere. `{{x}}` escapes HTML; the layout (`head`, `foot`) is shared by every page.
enum ConsoleTemplates {
    /// Every template, parsed once; a template that does not parse is a programming error caught by any test.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            do {
                try library.register(text, named: name)
            } catch {
                fatalError("console template '\(name)' does not parse: \(error)")
            }
        }
        return library
    }()

    /// Renders `page` with the template `name`.
    static func render(_ page: Any, template name: String) -> String {
        guard let html = library.render(page, withTemplate: name) else {
            fatalError("no console template '\(name)'")
        }
        return html
    }

    static let sources: [String: String] = [
        "head": head, "foot": foot, "search": search, "article": article, "list": list, "message": message,
        "draft": draft, "topics": topics, "topic": topic, "topicMap": topicMap, "readerBlock": readerBlock,
        "editFields": editFields,
    ]

    static let head = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · recommend console</title>
        <style>
        :root{font-family:system-ui,sans-serif;line-height:1.45;color:#1a1a1a;background:#fff}
        body{margin:0 auto;max-width:62rem;padding:0 1rem 3rem}
        nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:.6rem 0;border-bottom:2px solid #1a1a1a;margin-bottom:1rem}
        nav a{font-weight:600}
        a{color:#0645ad}
        a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
        h1{font-size:1.5rem;margin:.5rem 0}
        h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #999}
        .meta{color:#444;margin:0}
        .meta dt{font-weight:600;display:inline}.meta dd{display:inline;margin:0 1rem 0 .25rem}
        form.controls{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.5rem 1rem;align-items:end;padding:.75rem;border:1px solid #999}
        label{display:block;font-size:.9rem;font-weight:600}
        input,select,textarea,button{font:inherit;font-size:1rem;padding:.3rem .4rem;max-width:100%;box-sizing:border-box}
        input[type=number],select{width:100%}
        textarea{width:100%}
        button{cursor:pointer;border:1px solid #1a1a1a;background:#f2f2f2;border-radius:3px}
        ol.related{padding:0;list-style:none}
        ol.related>li{border-bottom:1px solid #ccc;padding:.6rem 0;display:grid;grid-template-columns:2.5rem 1fr;gap:0 .5rem}
        .rank{font-size:1.2rem;font-weight:700;text-align:right}
        .why{font-size:.9rem;color:#333;margin:.2rem 0}
        .badge{display:inline-block;border:2px solid #1a1a1a;padding:0 .3rem;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
        .actions{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.3rem}
        .actions form{display:inline}
        .actions button{font-size:.85rem;padding:.15rem .4rem}
        .notice{border:2px solid #1a1a1a;padding:.5rem .75rem;margin:1rem 0}
        .notice strong{margin-right:.4rem}
        table{border-collapse:collapse;width:100%}
        td,th{text-align:left;padding:.3rem .4rem;border-bottom:1px solid #ccc;vertical-align:top}
        .reader{border:1px dashed #666;padding:.5rem 1rem}
        svg{max-width:100%;height:auto}
        @media (max-width:40rem){body{padding:0 .6rem 2rem}h1{font-size:1.25rem}
        table.stack,table.stack tbody,table.stack tr,table.stack td{display:block}table.stack thead{position:absolute;left:-9999px}
        table.stack tr{border-bottom:1px solid #999;padding:.4rem 0}table.stack td{border:0;padding:.1rem 0}
        table.stack td::before{content:attr(data-label) ": ";font-weight:600}}
        .meta{overflow-wrap:anywhere}
        </style>
        </head>
        <body>
        <nav aria-label="Console"><a href="/">Search</a><a href="/topics">Today's topics</a><a href="/topic-map">Topic map</a><a href="/draft">Draft preview</a></nav>
        <main>
        {{#notice}}<div class="notice" role="status"><strong>{{kind}}:</strong> {{text}}</div>{{/notice}}

        """

    static let foot = """
        </main>
        {{#generation}}<footer><p class="meta">Index generation {{generation}}{{#overridesVersion}} · overrides version {{overridesVersion}}{{/overridesVersion}}</p></footer>{{/generation}}
        </body>
        </html>

        """

    static let search = """
        {{> head}}
        <h1>Find an article</h1>
        <form method="get" action="/" role="search">
        <label for="q">Article id or words of its headline</label>
        <input id="q" name="q" type="search" value="{{query}}" autofocus>
        <button type="submit">Search</button>
        </form>
        {{#searched}}
        <h2>{{resultCount}} found{{#more}} (first {{shown}} shown){{/more}}</h2>
        <ol class="results">
        {{#results}}<li><a href="/articles/{{pathID}}">{{title}}</a> <span class="meta">{{id}}{{#published}} · {{published}}{{/published}}{{#category}} · {{category}}{{/category}}</span></li>
        {{/results}}
        </ol>
        {{/searched}}
        {{> foot}}
        """

    /// One related list, as the console shows it: rank, score, headline, date, why-terms and shares, pin marks,
    /// and (for an indexed article) the editing buttons of each entry.
    static let list = """
        <ol class="related">
        {{#entries}}
        <li>
        <span class="rank" aria-label="rank">{{rank}}</span>
        <div>
        <a href="/articles/{{pathID}}">{{title}}</a>
        {{#pinned}} <span class="badge">pinned</span>{{/pinned}}{{#fallback}} <span class="badge">from topic</span>{{/fallback}}
        <p class="meta">score {{score}} · {{id}}{{#published}} · {{published}}{{/published}}{{#category}} · {{category}}{{/category}}{{#alsoPublishedAs}} · also published as {{alsoPublishedAs}}{{/alsoPublishedAs}}</p>
        {{#why}}<p class="why">Why: {{why}}</p>{{/why}}
        {{#editable}}
        <div class="actions">
        {{#pinned}}<form method="post" action="/articles/{{queryPathID}}/overrides">{{> editFields}}<input type="hidden" name="action" value="unpin"><input type="hidden" name="article" value="{{id}}"><button type="submit">Unpin</button></form>{{/pinned}}
        {{^pinned}}<form method="post" action="/articles/{{queryPathID}}/overrides">{{> editFields}}<input type="hidden" name="action" value="pin"><input type="hidden" name="article" value="{{id}}"><input type="hidden" name="position" value="{{rank}}"><button type="submit">Pin at {{rank}}</button></form>{{/pinned}}
        <form method="post" action="/articles/{{queryPathID}}/overrides">{{> editFields}}<input type="hidden" name="action" value="block"><input type="hidden" name="article" value="{{id}}"><button type="submit">Block here</button></form>
        <form method="post" action="/articles/{{queryPathID}}/overrides">{{> editFields}}<input type="hidden" name="action" value="block"><input type="hidden" name="scope" value="everywhere"><input type="hidden" name="article" value="{{id}}"><button type="submit">Block everywhere</button></form>
        </div>
        {{/editable}}
        </div>
        </li>
        {{/entries}}
        </ol>
        {{^entries}}<p>No related articles under these controls.</p>{{/entries}}
        """

    static let editFields = """
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{overridesVersion}}"><input type="hidden" name="return" value="{{returnQuery}}">
        """

    static let article = """
        {{> head}}
        <article>
        <h1>{{article.title}}</h1>
        <dl class="meta">
        <dt>Id</dt><dd>{{article.id}}</dd>
        {{#article.published}}<dt>Published</dt><dd>{{article.published}}</dd>{{/article.published}}
        {{#article.category}}<dt>Category</dt><dd>{{article.category}}</dd>{{/article.category}}
        {{#topic}}<dt>Topic</dt><dd><a href="/topics/{{id}}">{{label}}</a> ({{size}} articles)</dd>{{/topic}}
        {{#article.url}}<dt>Link</dt><dd><a href="{{article.url}}">{{article.url}}</a></dd>{{/article.url}}
        </dl>
        {{#hasNearDuplicates}}<p class="meta"><strong>Near-duplicates:</strong> {{#nearDuplicates}}<a href="/articles/{{pathID}}">{{id}}</a> {{/nearDuplicates}}</p>{{/hasNearDuplicates}}
        </article>
        <h2 id="controls-heading">Controls</h2>
        <form class="controls" method="get" action="/articles/{{article.pathID}}" aria-labelledby="controls-heading">
        <div><label for="k">Articles (k)</label><input id="k" name="k" type="number" min="1" max="{{maxK}}" value="{{controls.k}}"></div>
        <div><label for="half_life">Half-life (days)</label><input id="half_life" name="half_life" type="number" min="0" step="any" value="{{controls.halfLife}}" placeholder="off"></div>
        <div><label for="within_days">Window (± days)</label><input id="within_days" name="within_days" type="number" min="0" step="any" value="{{controls.withinDays}}" placeholder="any"></div>
        <div><label for="category">Category</label><select id="category" name="category">{{#controls.categories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/controls.categories}}</select></div>
        <div><label for="mmr">Diversity (MMR λ)</label><input id="mmr" name="mmr" type="number" min="0" max="1" step="0.05" value="{{controls.mmr}}" placeholder="off"></div>
        <div><label><input name="older_only" type="checkbox" value="true"{{#controls.olderOnly}} checked{{/controls.olderOnly}}> Older only</label>
        <label><input name="fallback" type="checkbox" value="topic"{{#controls.fallbackToTopic}} checked{{/controls.fallbackToTopic}}> Fill from topic</label></div>
        <div><button type="submit">Update list</button></div>
        </form>
        <h2>Related articles as served</h2>
        {{> list}}
        <h2>Editorial rules for this article</h2>
        {{#editing}}
        {{#hasRules}}<ul>{{#rules}}<li>{{text}} <form method="post" action="/articles/{{queryPathID}}/overrides" style="display:inline">{{> editFields}}<input type="hidden" name="action" value="{{removeAction}}"><input type="hidden" name="article" value="{{article}}">{{#everywhere}}<input type="hidden" name="scope" value="everywhere">{{/everywhere}}<button type="submit">Remove</button></form></li>{{/rules}}</ul>{{/hasRules}}
        {{^hasRules}}<p>No pins or blocks for this article.</p>{{/hasRules}}
        <form method="post" action="/articles/{{article.pathID}}/overrides" class="controls">
        {{> editFields}}
        <input type="hidden" name="action" value="pin">
        <div><label for="pin-article">Pin article (id)</label><input id="pin-article" name="article" required></div>
        <div><label for="pin-position">At position</label><input id="pin-position" name="position" type="number" min="1" value="1"></div>
        <div><button type="submit">Pin</button></div>
        </form>
        {{/editing}}
        {{^editing}}<p>Editing is off: the service was started without editor credentials.</p>{{/editing}}
        <h2>The reader's block</h2>
        <div class="reader">{{{readerBlock}}}</div>
        <script>
        for (const form of document.querySelectorAll('form.controls[method=get]')) {
          form.addEventListener('change', () => form.requestSubmit());
        }
        </script>
        {{> foot}}
        """

    static let message = """
        {{> head}}
        <h1>{{heading}}</h1>
        <p>{{text}}</p>
        {{#link}}<p><a href="{{href}}">{{label}}</a></p>{{/link}}
        {{> foot}}
        """

    static let draft = """
        {{> head}}
        <h1>Draft preview</h1>
        <p>Paste a headline and body: the list shows what the published article would get.</p>
        <form method="post" action="/draft">
        <label for="headline">Headline</label>
        <input id="headline" name="title" value="{{draftTitle}}" style="width:100%">
        <label for="body">Body</label>
        <textarea id="body" name="body" rows="10">{{draftBody}}</textarea>
        <p><label for="k">Articles (k)</label><input id="k" name="k" type="number" min="1" max="{{maxK}}" value="{{k}}" style="width:6rem"></p>
        <button type="submit">Preview the list</button>
        </form>
        {{#previewed}}
        <h2>Related articles for this draft</h2>
        {{> list}}
        {{/previewed}}
        {{> foot}}
        """

    static let topics = """
        {{> head}}
        <h1>Today's topics</h1>
        <form method="get" action="/topics" class="controls">
        <div><label for="days">Newest articles of the last (days)</label><input id="days" name="days" type="number" min="1" step="any" value="{{days}}"></div>
        <div><button type="submit">Show</button></div>
        </form>
        <p>{{windowCount}} articles published from {{from}} to {{to}}, in {{topicCount}} topics. <a href="/topic-map?days={{days}}">See them on the map</a>.</p>
        <table class="stack">
        <thead><tr><th scope="col">Topic</th><th scope="col">Articles in window (all)</th><th scope="col">Newest headline</th><th scope="col">Most central</th></tr></thead>
        <tbody>
        {{#topics}}<tr><td data-label="Topic"><a href="/topics/{{id}}">{{label}}</a></td><td data-label="Articles in window (all)">{{windowSize}} ({{size}})</td><td data-label="Newest">{{#newest}}<a href="/articles/{{pathID}}">{{title}}</a> <span class="meta">{{published}}</span>{{/newest}}</td><td data-label="Most central">{{#central}}<a href="/articles/{{pathID}}">{{title}}</a>{{/central}}</td></tr>
        {{/topics}}
        </tbody>
        </table>
        {{> foot}}
        """

    static let topic = """
        {{> head}}
        <h1>Topic {{id}}: {{label}}</h1>
        <p class="meta">{{size}} articles, most central first.</p>
        <ol>
        {{#articles}}<li><a href="/articles/{{pathID}}">{{title}}</a> <span class="meta">{{id}}{{#published}} · {{published}}{{/published}} · centrality {{centrality}}</span></li>
        {{/articles}}
        </ol>
        {{> foot}}
        """

    static let topicMap = """
        {{> head}}
        <h1>Topic map</h1>
        <p>Each disc is a topic of the articles published in the last {{days}} days: closer discs are more alike (classical scaling of the cosines between topic centroids), the area is the number of articles. Select a disc to open its topic.</p>
        {{{svg}}}
        <h2>The topics on the map</h2>
        <ol>{{#topics}}<li><a href="/topics/{{id}}">{{label}}</a> ({{windowSize}})</li>{{/topics}}</ol>
        {{> foot}}
        """

    /// The reader's "Related articles" block, also served alone as an HTML fragment.
    static let readerBlock = """
        <section class="related-articles" aria-labelledby="related-articles-heading">
        <h2 id="related-articles-heading">Related articles</h2>
        <ul>
        {{#items}}<li><a href="{{href}}">{{title}}</a>{{#published}} <time datetime="{{published}}">{{date}}</time>{{/published}}</li>
        {{/items}}
        </ul>
        </section>

        """
}
