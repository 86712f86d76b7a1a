import { type Kysely, sql } from 'kysely'

/**
 * Petitions launched by anyone (domains/petitions/petition-launches.ts): who drafted a petition, the
 * sponsors it needs before moderation, the moderation queue (due date, who claimed it) and a rejection's
 * coded reason. Two statuses join the lifecycle: `collecting_sponsors` (a citizen's petition waiting for its
 * sponsors) and `hidden` (rejected for a reason that also takes its text off the site).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE petitions DROP CONSTRAINT IF EXISTS petitions_status_check`.execute(db)
  await sql`ALTER TABLE petitions ADD CONSTRAINT petitions_status_check CHECK (status IN
    ('draft','collecting_sponsors','pending_review','open','closed','rejected','hidden','withdrawn'))`.execute(db)
  await db.schema
    .alterTable('petitions')
    .addColumn('creator_person_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('sponsors_needed', 'integer', (c) => c.notNull().defaultTo(0).check(sql`sponsors_needed >= 0`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('moderation_due_at', 'timestamptz')
    .addColumn('moderation_claimed_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('moderation_claimed_at', 'timestamptz')
    .addColumn('moderated_by', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('moderated_at', 'timestamptz')
    .addColumn('rejection_code', 'text', (c) =>
      c.check(sql`rejection_code IN ('duplicate','not_governance','unclear','defamatory','illegal','personal_data','exists_elsewhere')`),
    )
    .execute()
  // A rejection has a coded reason, a note, or both (the demo's older rejections have only a note).
  await sql`ALTER TABLE petitions DROP CONSTRAINT IF EXISTS petitions_rejection_reason`.execute(db)
  await sql`ALTER TABLE petitions ADD CONSTRAINT petitions_rejection_reason
    CHECK (status NOT IN ('rejected','hidden') OR rejection_code IS NOT NULL OR rejection_reason IS NOT NULL)`.execute(db)
  await sql`CREATE INDEX petitions_creator_idx ON petitions (creator_person_id, created_at DESC) WHERE creator_person_id IS NOT NULL`.execute(db)
  await sql`CREATE INDEX petitions_moderation_idx ON petitions (moderation_due_at, id) WHERE status = 'pending_review'`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS petitions_moderation_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS petitions_creator_idx`.execute(db)
  await sql`ALTER TABLE petitions DROP CONSTRAINT IF EXISTS petitions_rejection_reason`.execute(db)
  for (const column of ['rejection_code', 'moderated_at', 'moderated_by', 'moderation_claimed_at', 'moderation_claimed_by', 'moderation_due_at', 'submitted_at', 'sponsors_needed', 'creator_person_id']) {
    await sql`ALTER TABLE petitions DROP COLUMN IF EXISTS ${sql.id(column)}`.execute(db)
  }
  await sql`ALTER TABLE petitions DROP CONSTRAINT IF EXISTS petitions_status_check`.execute(db)
  await sql`ALTER TABLE petitions ADD CONSTRAINT petitions_status_check CHECK (status IN ('draft','pending_review','open','closed','rejected','withdrawn'))`.execute(db)
  await sql`ALTER TABLE petitions ADD CONSTRAINT petitions_rejection_reason CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL)`.execute(db)
}
