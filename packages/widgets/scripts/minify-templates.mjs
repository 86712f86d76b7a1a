/**
 * A rollup plugin that squeezes the static text of the widgets' `html` and `css` tagged templates, which
 * terser leaves alone: without it the bundle ships the source's indentation and CSS comments.
 *
 * It runs after TypeScript is compiled away and edits the template literals found in the module's syntax
 * tree (so templates nested in `${}` are handled), never the expressions between them.
 * - html: a run of whitespace that holds a line break becomes one space. One space renders exactly like any
 *   run of whitespace (the widgets have no <pre>, <textarea> or `white-space: pre` content), so text such as
 *   "From 1 May until 3 June" split over two source lines keeps its space.
 * - css: comments go, and whitespace around `{ } ; , >`, after `:` and before `!important`; `0.5` becomes
 *   `.5`, and `*` loses its spaces only before a number (in calc(); the universal selector keeps them). The
 *   widgets' CSS has no strings or url()s where spaces matter.
 */
export function minifyTemplates({ include }) {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!id.startsWith(include) || !/\b(html|css)`/.test(code)) return null
      const edits = []
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return
        const squeeze = node.tag.name === 'html' ? squeezeHtml : node.tag.name === 'css' ? squeezeCss : undefined
        if (!squeeze) return
        const quasis = node.quasi.quasis
        quasis.forEach((quasi, index) => {
          const raw = code.slice(quasi.start, quasi.end)
          const text = squeeze(raw, { first: index === 0, last: index === quasis.length - 1 })
          if (text !== raw) edits.push({ start: quasi.start, end: quasi.end, text })
        })
      })
      if (edits.length === 0) return null
      edits.sort((a, b) => b.start - a.start)
      let out = code
      for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
      return { code: out, map: null }
    },
  }
}

function walk(node, visit) {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) return node.forEach((child) => walk(child, visit))
  if (typeof node.type === 'string') visit(node)
  for (const key in node) {
    const value = node[key]
    if (value && typeof value === 'object') walk(value, visit)
  }
}

export function squeezeHtml(raw) {
  return raw.replace(/[ \t]*\n\s*/g, ' ')
}

export function squeezeCss(raw, { first, last }) {
  const text = raw
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    // Only after a colon: before one, a space may be a descendant combinator (`.a :focus`).
    .replace(/: /g, ':')
    .replace(/ !important/g, '!important')
    .replace(/ ?\* ?(?=[\d.])/g, '*')
    .replace(/(?<![\w.-])0\.(\d)/g, '.$1')
    .replace(/;}/g, '}')
  // Whitespace next to an expression (`${palette}`) becomes one space, never nothing.
  return first && last ? text.trim() : first ? text.trimStart() : last ? text.trimEnd() : text
}
