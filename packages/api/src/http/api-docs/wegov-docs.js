// The WeGov chrome around Swagger UI at /docs: a header in the reader's language (#lang=, else the
// browser's), landmarks, and the reference itself marked as English, the language it is written in.
// Runs before Swagger UI renders (that waits for window.onload); Swagger UI keeps its container node.
;(function () {
  var STRINGS = {
    ar: { title: 'توثيق واجهة WeGov البرمجية', intro: 'المرجع أدناه باللغة الإنجليزية. كل الردود متوفرة بالعربية والفرنسية والإنجليزية (?lang= أو Accept-Language).', portal: 'العودة إلى البوابة', document: 'وثيقة OpenAPI', languages: 'اللغة', operations: 'العمليات' },
    fr: { title: "Documentation de l'API WeGov", intro: 'La référence ci-dessous est en anglais. Toutes les réponses existent en arabe, français et anglais (?lang= ou Accept-Language).', portal: 'Retour au portail', document: 'Document OpenAPI', languages: 'Langue', operations: 'Opérations' },
    en: { title: 'WeGov API documentation', intro: 'The reference below is in English. Every response comes in Arabic, French and English (?lang= or Accept-Language).', portal: 'Back to the portal', document: 'OpenAPI document', languages: 'Language', operations: 'Operations' },
  }
  var NAMES = { ar: 'العربية', fr: 'Français', en: 'English' }
  var browser = (navigator.languages || [navigator.language]).map(function (tag) { return String(tag).slice(0, 2).toLowerCase() })

  function element(name, attributes, children) {
    var node = document.createElement(name)
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]) })
    ;(children || []).forEach(function (child) { node.append(child) })
    return node
  }

  // The language is asked for in the fragment (#lang=ar): Swagger UI finds its document relative to the
  // page's URL with any query string kept, so ?lang= would make it fetch the wrong address.
  function chrome() {
    var asked = /(?:^#|&)lang=(ar|fr|en)\b/.exec(location.hash)
    var lang = asked ? asked[1] : browser.filter(function (code) { return STRINGS[code] })[0] || 'fr'
    var t = STRINGS[lang]
    document.documentElement.lang = lang
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr'
    document.title = t.title
    var languages = element('ul', {}, ['ar', 'fr', 'en'].map(function (code) {
      var link = element('a', { href: '#lang=' + code, lang: code, hreflang: code, dir: code === 'ar' ? 'rtl' : 'ltr' }, [NAMES[code]])
      if (code === lang) link.setAttribute('aria-current', 'true')
      return element('li', {}, [link])
    }))
    var heading = element('h2', { class: 'wegov-docs-operations', lang: lang, dir: lang === 'ar' ? 'rtl' : 'ltr' }, [t.operations])
    return { heading: heading, header: element('header', { class: 'wegov-docs-header' }, [
      element('a', { class: 'wegov-docs-brand', href: '/' + lang + '/', lang: 'en', dir: 'ltr' }, ['WeGov']),
      element('nav', { 'aria-label': t.languages }, [languages]),
      element('h1', {}, [t.title]),
      element('p', {}, [t.intro]),
      element('ul', { class: 'wegov-docs-links' }, [
        element('li', {}, [element('a', { href: '/' + lang + '/' }, [t.portal])]),
        element('li', {}, [element('a', { href: '/openapi.json', type: 'application/json' }, [t.document])]),
      ]),
    ]) }
  }

  var reference = document.getElementById('swagger-ui')
  var main = element('main', { id: 'main', lang: 'en', dir: 'ltr' })
  // Swagger UI's own title block is hidden (wegov-docs.css): its <h1> would follow ours, and its tag
  // headings (<h3>) need an <h2> above them.
  var parts = chrome()
  reference.before(parts.header, main)
  main.append(parts.heading, reference)
  // Swagger UI leaves some controls nameless: parameter drop-downs (enumerations) get their parameter's
  // name, icon-only copy buttons say what they do (in English, like the reference around them).
  new MutationObserver(function () {
    main.querySelectorAll('tr[data-param-name] select:not([aria-label])').forEach(function (select) {
      select.setAttribute('aria-label', select.closest('tr').getAttribute('data-param-name'))
    })
    main.querySelectorAll('.copy-to-clipboard button:not([aria-label])').forEach(function (button) {
      button.setAttribute('aria-label', 'Copy to clipboard')
    })
  }).observe(main, { childList: true, subtree: true })
  addEventListener('hashchange', function () {
    var next = chrome()
    parts.header.replaceWith(next.header)
    parts.heading.replaceWith(next.heading)
    parts = next
  })
})()
