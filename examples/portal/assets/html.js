/**
 * A tagged template that escapes every interpolated value unless it is already markup, so content from
 * the API (titles, names, comments) can never become HTML. The only way in for markup is `raw()`, used
 * for fragments built by this same function and for resource bodies the API has already sanitised.
 */

class Markup {
  /** @param {string} value */
  constructor(value) {
    this.value = value
  }
  toString() {
    return this.value
  }
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[/** @type {keyof typeof ESCAPES} */ (char)])
}

/** @param {string} value trusted markup */
export function raw(value) {
  return new Markup(value)
}

/** @param {unknown} value */
function render(value) {
  if (value instanceof Markup) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(value)
}

/**
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 */
export function html(strings, ...values) {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '')
  })
  return new Markup(out)
}

/** An attribute only when it has a value: `attr('lang', x)` → ` lang="x"` or nothing. */
export function attr(name, value) {
  return value === undefined || value === null || value === false || value === '' ? raw('') : raw(` ${name}="${escapeHtml(value)}"`)
}
