import { Type } from '@sinclair/typebox'

/** A string enum schema that OpenAPI shows as `enum` (and openapi-typescript turns into a union). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}
