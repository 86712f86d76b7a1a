import AjvCompiler from '@fastify/ajv-compiler'
import SerializerSelector from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

/**
 * Fastify compiles a validator (Ajv) and a response serializer (fast-json-stringify) for every route when an
 * app is built, and fast-json-stringify first checks each schema against the JSON Schema meta-schema. For
 * WeGov's routes that was seconds of CPU per app, mostly spent compiling the same schemas again: every
 * route's problem responses are one `Problem` reference, and every app a process builds (several instances
 * in one process, the test suites' hundreds) has the same routes.
 *
 * A compiled function depends only on its schema, the shared schemas it may reference and the compiler's
 * options, so it is kept for the process under exactly that key, and built once.
 */
type Compile<Fn> = (route: { schema: object }) => Fn
type Factory<Fn> = (externalSchemas: unknown, options?: unknown) => Compile<Fn>

function memoisedFactory<Fn>(build: Factory<Fn>): Factory<Fn> {
  const factories = new Map<string, Compile<Fn>>()
  return (externalSchemas, options) => {
    const key = JSON.stringify([externalSchemas, options])
    let compile = factories.get(key)
    if (!compile) {
      compile = memoisedCompile(build(externalSchemas, options))
      factories.set(key, compile)
    }
    return compile
  }
}

function memoisedCompile<Fn>(compile: Compile<Fn>): Compile<Fn> {
  const bySchema = new WeakMap<object, Fn>()
  const byText = new Map<string, Fn>()
  return (route) => {
    const known = bySchema.get(route.schema)
    if (known) return known
    // Fastify hands some schemas over as fresh objects (headers, querystrings): the same text is the same schema.
    const text = JSON.stringify(route.schema)
    let compiled = byText.get(text)
    if (!compiled) {
      compiled = compile(route)
      byText.set(text, compiled)
    }
    bySchema.set(route.schema, compiled)
    return compiled
  }
}

// One pool for the process, shared by every app built in it.
const buildValidator = memoisedFactory(AjvCompiler() as unknown as Factory<unknown>)
const buildSerializer = memoisedFactory(SerializerSelector() as unknown as Factory<unknown>)

export const schemaController = {
  compilersFactory: { buildValidator, buildSerializer },
} as unknown as NonNullable<FastifyServerOptions['schemaController']>
