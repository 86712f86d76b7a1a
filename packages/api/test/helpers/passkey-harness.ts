import type { Lang } from '../../src/db/schema.js'

/**
 * A minimal page that uses WeGov's passkey API the way the console will: it turns the JSON options into
 * navigator.credentials.create()/get() arguments (base64url by hand, no library) and POSTs the answers with
 * fetch, same origin, cookies included. The Chromium test serves it on WeGov's origin through page.route(),
 * until the console exists. Errors show the API's own problem detail in an alert.
 */
const TEXTS: Record<Lang, Record<'title' | 'name' | 'add' | 'signIn' | 'list' | 'added' | 'signedIn' | 'removed' | 'remove', string>> = {
  en: { title: 'Passkeys', name: 'Passkey name', add: 'Add a passkey', signIn: 'Sign in with a passkey', list: 'List my passkeys', added: 'Passkey added:', signedIn: 'Signed in as', removed: 'Passkey removed.', remove: 'Remove' },
  fr: { title: 'Clés d’accès', name: 'Nom de la clé d’accès', add: 'Ajouter une clé d’accès', signIn: 'Se connecter avec une clé d’accès', list: 'Lister mes clés d’accès', added: 'Clé d’accès ajoutée :', signedIn: 'Connecté·e en tant que', removed: 'Clé d’accès supprimée.', remove: 'Supprimer' },
  ar: { title: 'مفاتيح المرور', name: 'اسم مفتاح المرور', add: 'إضافة مفتاح مرور', signIn: 'تسجيل الدخول بمفتاح مرور', list: 'عرض مفاتيح المرور الخاصة بي', added: 'تمت إضافة مفتاح المرور:', signedIn: 'تم تسجيل الدخول باسم', removed: 'تم حذف مفتاح المرور.', remove: 'حذف' },
}

/** Runs in the page: base64url ⇄ bytes, the two ceremonies, and the list. */
function harnessScript(lang: Lang, texts: (typeof TEXTS)[Lang]) {
  const toBytes = (value: string) => Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=')), (c) => c.charCodeAt(0))
  const fromBytes = (buffer: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const status = document.getElementById('status')!
  const alert = document.getElementById('alert')!
  const list = document.getElementById('passkeys')!

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'accept-language': lang, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const answer = res.status === 204 ? null : await res.json()
    if (!res.ok) throw Object.assign(new Error(answer.detail), { code: answer.code })
    return answer
  }
  const descriptors = (items: { id: string; type: string; transports?: string[] }[] = []) =>
    items.map((item) => ({ ...item, id: toBytes(item.id), type: 'public-key' as const, transports: item.transports as AuthenticatorTransport[] | undefined }))
  const report = (run: () => Promise<string>) => async (event: Event) => {
    event.preventDefault()
    alert.textContent = ''
    status.textContent = ''
    try {
      status.textContent = await run()
    } catch (error) {
      alert.textContent = (error as Error).message
      // The API's WEGOV_* code, or the browser's own refusal (a DOMException's name).
      alert.dataset.code = error instanceof DOMException ? error.name : String((error as { code?: string }).code)
    }
  }

  async function showList() {
    const { items } = await call('GET', '/v1/me/passkeys')
    list.replaceChildren(
      ...items.map((passkey: { id: string; name: string }) => {
        const li = document.createElement('li')
        li.dataset.id = passkey.id
        const remove = document.createElement('button')
        remove.type = 'button'
        remove.textContent = texts.remove
        remove.setAttribute('aria-label', `${texts.remove} ${passkey.name}`)
        remove.addEventListener('click', report(async () => (await call('DELETE', `/v1/me/passkeys/${passkey.id}`), await showList(), texts.removed)))
        li.append(passkey.name, ' ', remove)
        return li
      }),
    )
    return `${items.length}`
  }

  document.getElementById('add-form')!.addEventListener(
    'submit',
    report(async () => {
      const { challengeId, options } = await call('POST', '/v1/me/passkeys/options')
      const credential = (await navigator.credentials.create({
        publicKey: { ...options, challenge: toBytes(options.challenge), user: { ...options.user, id: toBytes(options.user.id) }, excludeCredentials: descriptors(options.excludeCredentials) },
      })) as PublicKeyCredential
      const attestation = credential.response as AuthenticatorAttestationResponse
      const response = {
        id: credential.id,
        rawId: fromBytes(credential.rawId),
        type: credential.type,
        response: { clientDataJSON: fromBytes(attestation.clientDataJSON), attestationObject: fromBytes(attestation.attestationObject), transports: attestation.getTransports() },
        ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment } : {}),
        clientExtensionResults: credential.getClientExtensionResults(),
      }
      const name = (document.getElementById('passkey-name') as HTMLInputElement).value
      const passkey = await call('POST', '/v1/me/passkeys', { challengeId, name, response })
      await showList()
      return `${texts.added} ${passkey.name}`
    }),
  )

  document.getElementById('sign-in')!.addEventListener(
    'click',
    report(async () => {
      const { challengeId, options } = await call('POST', '/v1/auth/passkey/options')
      const credential = (await navigator.credentials.get({
        publicKey: { ...options, challenge: toBytes(options.challenge), allowCredentials: descriptors(options.allowCredentials) },
      })) as PublicKeyCredential
      const assertion = credential.response as AuthenticatorAssertionResponse
      const response = {
        id: credential.id,
        rawId: fromBytes(credential.rawId),
        type: credential.type,
        response: {
          clientDataJSON: fromBytes(assertion.clientDataJSON),
          authenticatorData: fromBytes(assertion.authenticatorData),
          signature: fromBytes(assertion.signature),
          ...(assertion.userHandle ? { userHandle: fromBytes(assertion.userHandle) } : {}),
        },
        ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment } : {}),
        clientExtensionResults: credential.getClientExtensionResults(),
      }
      const me = await call('POST', '/v1/auth/passkey/verify', { challengeId, response })
      return `${texts.signedIn} ${me.email}`
    }),
  )

  document.getElementById('list')!.addEventListener('click', report(showList))
}

export function passkeyHarnessPage(lang: Lang): string {
  const texts = TEXTS[lang]
  // The script is compiled by tsx (esbuild, keepNames): __name is the helper its named functions call.
  const script = `globalThis.__name = (fn) => fn; (${harnessScript.toString()})(${JSON.stringify(lang)}, ${JSON.stringify(texts)})`
  return `<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${texts.title}</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;margin-inline:1rem}button,input{font:inherit;padding-block:.5rem;padding-inline:.75rem}:focus-visible{outline:3px solid #1a4fa0;outline-offset:2px}#alert{color:#a40e26}</style></head>
<body><main>
<h1>${texts.title}</h1>
<form id="add-form"><label for="passkey-name">${texts.name}</label> <input id="passkey-name" name="name" required autocomplete="off"> <button type="submit" id="add">${texts.add}</button></form>
<p><button type="button" id="sign-in">${texts.signIn}</button> <button type="button" id="list">${texts.list}</button></p>
<p id="status" role="status" aria-live="polite"></p>
<p id="alert" role="alert"></p>
<ul id="passkeys"></ul>
</main>
<script>${script}</script>
</body></html>`
}
