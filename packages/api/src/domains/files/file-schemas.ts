import { Type } from '@sinclair/typebox'

export const UploadedFileSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    url: Type.String({ format: 'uri', description: 'Where the file is served (GET /v1/files/{id}); public once a published resource offers it.' }),
    type: Type.String({ description: 'The MIME type read from the file’s bytes, not from its name.', examples: ['application/pdf'] }),
    size: Type.Integer({ minimum: 0, description: 'Bytes.' }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Hex SHA-256 of the bytes; also the file’s ETag.' }),
    name: Type.String({ description: 'The name it is downloaded under, with the extension of its real type.' }),
  },
  { $id: 'UploadedFile', additionalProperties: false },
)

export const FileParams = Type.Object({ id: Type.String({ maxLength: 64 }) })

export const fileSchemas = [UploadedFileSchema]
