/**
 * WCAG 2 contrast for the embed builder's colour check. A few lines of arithmetic, kept here rather than
 * taken from a library: the portal's browser modules are served as they are, with no bundler to pull one in.
 */

/** WCAG AA for normal text, which the widgets' links and buttons are. */
export const MIN_CONTRAST = 4.5

/** '#rrggbb' → [r, g, b] in 0-255. */
function channels(hex) {
  const value = Number.parseInt(String(hex).replace('#', ''), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

function toHex(rgb) {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`
}

/** Relative luminance, per WCAG 2.2. */
function luminance(hex) {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** The contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

function toHsl([r, g, b]) {
  const [rs, gs, bs] = [r / 255, g / 255, b / 255]
  const max = Math.max(rs, gs, bs)
  const min = Math.min(rs, gs, bs)
  const l = (max + min) / 2
  if (max === min) return [0, 0, l]
  const d = max - min
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min)
  const h = max === rs ? (gs - bs) / d + (gs < bs ? 6 : 0) : max === gs ? (bs - rs) / d + 2 : (rs - gs) / d + 4
  return [h / 6, s, l]
}

function fromHsl([h, s, l]) {
  if (s === 0) return [l * 255, l * 255, l * 255]
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s
  const p = 2 * l - q
  const hue = (t) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t
    if (u < 1 / 6) return p + (q - p) * 6 * u
    if (u < 1 / 2) return q
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6
    return p
  }
  return [hue(h + 1 / 3) * 255, hue(h) * 255, hue(h - 1 / 3) * 255]
}

/**
 * The colour nearest to `colour` (same hue and saturation, lightness moved as little as possible) whose
 * contrast reaches `min` against every background, or null when no lightness does (a light and a dark
 * background together usually leave none).
 *
 * @example nearestReadable('#8cc2ff', ['#ffffff']) // '#0070ef': the same blue, darker
 */
export function nearestReadable(colour, backgrounds, min = MIN_CONTRAST) {
  const passes = (hex) => backgrounds.every((background) => contrastRatio(hex, background) >= min)
  if (passes(colour)) return colour
  const [h, s, l] = toHsl(channels(colour))
  for (let step = 1; step <= 200; step++) {
    for (const candidate of [l - step / 200, l + step / 200]) {
      if (candidate < 0 || candidate > 1) continue
      const hex = toHex(fromHsl([h, s, candidate]))
      if (passes(hex)) return hex
    }
  }
  return null
}
