/**
 * A strict RFC 4180 reader for the export tests (no CSV parser is among the dependencies): CRLF between
 * records, fields quoted with `"` and quotes doubled inside them. Anything else (a bare quote in an unquoted
 * field, text after a closing quote, a lone CR or LF outside quotes, a record of another width) throws, so a
 * dump that a spreadsheet would misread fails the test.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let i = 0
  const endRecord = () => {
    if (records.length > 0 && record.length !== records[0]!.length) throw new Error(`record ${records.length + 1} has ${record.length} fields, the header ${records[0]!.length}`)
    records.push(record)
    record = []
  }
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue }
          i++
          break
        }
        field += text[i++]
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`)
        field += text[i++]
      }
    }
    record.push(field)
    if (text[i] === ',') { i++; continue }
    if (text.startsWith('\r\n', i)) { i += 2; endRecord(); continue }
    if (i >= text.length) { endRecord(); break }
    throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`)
  }
  return records
}
