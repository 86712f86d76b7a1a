import t from 'tap'
import { loadConfig } from '../src/config.js'
import { buildTestApp, openTestDatabase } from './helpers/test-app.js'

/** The portal pages' Content-Security-Policy: which players they may frame, and nothing opened besides. */

const directives = (header: unknown) =>
  Object.fromEntries(String(header).split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]))

t.test('WEGOV_VIDEO_EMBED_ORIGINS', async (t) => {
  t.same(loadConfig({}).videoEmbedOrigins, ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'], 'YouTube (privacy-enhanced) and Vimeo by default')
  t.same(loadConfig({ WEGOV_VIDEO_EMBED_ORIGINS: ' https://peertube.example.org/ , https://player.vimeo.com' }).videoEmbedOrigins, [
    'https://peertube.example.org',
    'https://player.vimeo.com',
  ])
  t.same(loadConfig({ WEGOV_VIDEO_EMBED_ORIGINS: '' }).videoEmbedOrigins, [], 'empty: no player at all')
  for (const bad of ['*', 'https:', "'self'", 'player.vimeo.com', 'https://player.vimeo.com/video', 'javascript:alert(1)', 'https://a.example; script-src *']) {
    t.throws(() => loadConfig({ WEGOV_VIDEO_EMBED_ORIGINS: bad }), /WEGOV_VIDEO_EMBED_ORIGINS/, bad)
  }
})

t.test('portal pages frame only the configured players and run workers only from blob:', async (t) => {
  const database = await openTestDatabase(t)
  const byDefault = await buildTestApp(t, { database })
  const policy = directives((await byDefault.inject('/fr/learning')).headers['content-security-policy'])
  t.same(policy['frame-src'], ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'])
  t.same(policy['worker-src'], ['blob:'], 'the proof-of-work worker, made by a script the page already runs')
  t.same(policy['script-src'], ["'self'"], 'scripts stay same-origin only')
  t.same(policy['default-src'], ["'self'"])
  t.same(policy['object-src'], ["'none'"])

  const configured = await buildTestApp(t, { database, config: { videoEmbedOrigins: ['https://peertube.example.org'] } })
  t.same(directives((await configured.inject('/en/')).headers['content-security-policy'])['frame-src'], ['https://peertube.example.org'])
  const none = await buildTestApp(t, { database, config: { videoEmbedOrigins: [] } })
  t.same(directives((await none.inject('/ar/')).headers['content-security-policy'])['frame-src'], ["'none'"], 'no player configured: no frame')
})
