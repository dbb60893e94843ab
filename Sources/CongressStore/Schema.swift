import GRDB

/// The congress file's schema, one migration per version. Never edit a shipped migration:
/// add the next one, so that every older file upgrades in place when it is opened.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 congress, delegates, attendance, audit log") { db in
            try db.execute(sql: """
                CREATE TABLE congress (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    name TEXT NOT NULL,
                    term TEXT,
                    level TEXT NOT NULL,
                    form TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE delegation (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );
                CREATE TABLE delegate (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    sex TEXT NOT NULL,
                    birth_date TEXT,
                    delegation_id INTEGER NOT NULL REFERENCES delegation(id),
                    kind TEXT NOT NULL,
                    ethnicity TEXT NOT NULL,
                    party_member INTEGER,
                    education TEXT,
                    political_theory TEXT,
                    sector TEXT,
                    full_time INTEGER,
                    position TEXT,
                    seat TEXT
                );
                CREATE INDEX delegate_delegation ON delegate(delegation_id);
                CREATE TABLE sitting (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    opened_at TEXT NOT NULL,
                    closed_at TEXT
                );
                -- Attendance is a list of events, never a flag that toggles (DESIGN.md §5).
                CREATE TABLE attendance_event (
                    id INTEGER PRIMARY KEY,
                    sitting_id INTEGER NOT NULL REFERENCES sitting(id),
                    delegate_code TEXT NOT NULL REFERENCES delegate(code),
                    kind TEXT NOT NULL,
                    at TEXT NOT NULL,
                    station TEXT,
                    reason TEXT
                );
                CREATE INDEX attendance_delegate ON attendance_event(delegate_code);
                -- Append-only: each entry carries the SHA-256 of the one before it.
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    details TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                -- The last entry's number and hash, so that removing the newest entries shows.
                CREATE TABLE audit_head (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL,
                    hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2 signing keys and credentials") { db in
            try db.execute(sql: """
                -- Public halves only: the private key never enters the database.
                CREATE TABLE signing_key (
                    key_id TEXT PRIMARY KEY,
                    public_key BLOB NOT NULL,
                    created_at TEXT NOT NULL
                );
                -- One row per badge ever issued. No foreign key to delegate: a removed
                -- delegate's credentials stay, revoked, so their serials are never reused.
                CREATE TABLE credential (
                    code TEXT NOT NULL,
                    serial INTEGER NOT NULL,
                    payload TEXT,
                    issued_at TEXT NOT NULL,
                    revoked_at TEXT,
                    revoked_by TEXT,
                    revoke_reason TEXT,
                    PRIMARY KEY (code, serial)
                );
                CREATE INDEX credential_revoked ON credential(revoked_at) WHERE revoked_at IS NOT NULL;
                INSERT INTO credential (code, serial, issued_at)
                    SELECT code, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM delegate;
                """)
        }
        migrator.registerMigration("v3 tokens, scans, substitutions, quorum records, change feed") { db in
            try db.execute(sql: """
                -- Tokens are stored hashed (SHA-256): the token itself is shown once.
                CREATE TABLE api_token (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                );
                -- Every scan received, refusals included, once per client id.
                CREATE TABLE scan (
                    id TEXT PRIMARY KEY,
                    station TEXT NOT NULL,
                    entrance TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    scanned_at TEXT,
                    received_at TEXT NOT NULL,
                    sitting_id INTEGER,
                    code TEXT,
                    verdict TEXT NOT NULL,
                    result TEXT NOT NULL
                );
                CREATE TRIGGER scan_no_update BEFORE UPDATE ON scan
                    BEGIN SELECT RAISE(ABORT, 'scan is append-only'); END;
                CREATE TRIGGER scan_no_delete BEFORE DELETE ON scan
                    BEGIN SELECT RAISE(ABORT, 'scan is append-only'); END;
                ALTER TABLE attendance_event ADD COLUMN scan_id TEXT;
                CREATE INDEX attendance_sitting ON attendance_event(sitting_id, delegate_code);
                CREATE TABLE substitution (
                    id INTEGER PRIMARY KEY,
                    alternate_code TEXT NOT NULL REFERENCES delegate(code),
                    replaced_code TEXT NOT NULL REFERENCES delegate(code),
                    decision TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    reverted_at TEXT,
                    revert_reason TEXT
                );
                CREATE TABLE quorum_record (
                    id INTEGER PRIMARY KEY,
                    sitting_id INTEGER NOT NULL REFERENCES sitting(id),
                    at TEXT NOT NULL,
                    present INTEGER NOT NULL,
                    convened INTEGER NOT NULL,
                    holds INTEGER NOT NULL,
                    reason TEXT NOT NULL
                );
                -- What kiosks follow: admissions, revocations, substitutions, sittings.
                CREATE TABLE feed (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    data TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4 people who sign in, and their sessions") { db in
            try db.execute(sql: """
                CREATE TABLE person (
                    username TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    disabled_at TEXT
                );
                -- Sessions by the SHA-256 of the cookie's value; they survive a restart.
                CREATE TABLE session (
                    token_hash TEXT PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES person(username),
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                );
                """)
        }
        ElectionSchema.register(&migrator)
        migrator.registerMigration("v6 absence reasons") { db in
            // Why a delegate is not in the hall, as the secretariat was told: for one sitting,
            // or (sitting_id NULL) for the whole congress. No key to delegate: a later import
            // may drop the delegate, and the reason then simply has no one to apply to.
            try db.execute(sql: """
                CREATE TABLE absence (
                    id INTEGER PRIMARY KEY,
                    sitting_id INTEGER REFERENCES sitting(id),
                    delegate_code TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    actor TEXT NOT NULL
                );
                CREATE UNIQUE INDEX absence_once ON absence(ifnull(sitting_id, 0), delegate_code);
                """)
        }
        migrator.registerMigration("v7 the congress's time zone") { db in
            // Files made before v7 were all congresses in Vietnam.
            try db.execute(sql: "ALTER TABLE congress ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh'")
        }
        ElectionSchema.registerRecord(&migrator)
        ElectionSchema.registerScans(&migrator)
        migrator.registerMigration("v10 sign-in lockouts") { db in
            // set when too many wrong passwords were tried for the account; an admin lifts it
            try db.execute(sql: "ALTER TABLE person ADD COLUMN locked_at TEXT")
        }
        migrator.registerMigration("v11 when each door reached the server") { db in
            // a late scan counts in its closed sitting only from a door that was offline across the close
            try db.execute(sql: """
                CREATE TABLE door_contact (door TEXT NOT NULL, at TEXT NOT NULL);
                CREATE INDEX door_contact_at ON door_contact(door, at);
                """)
        }
        migrator.registerMigration("v12 how a count is entered, and withdrawn candidates") { db in
            // double entry by default (EntryMode); counts made before v12 kept what they did: one source
            try db.execute(sql: """
                ALTER TABLE election ADD COLUMN entry_mode TEXT NOT NULL DEFAULT 'double';
                UPDATE election SET entry_mode = 'single';
                """)
        }
        migrator.registerMigration("v13 the paper size printed") { db in
            // a5 or a4, as last printed: the reader takes it for the election's scans
            try db.execute(sql: "ALTER TABLE election ADD COLUMN paper TEXT")
        }
        migrator.registerMigration("v14 a decision taken back") { db in
            // a decision is never overwritten; the committee may take one back (reopen: the
            // sheet waits again, the decision taken back written in the audit log) and decide anew
            try db.execute(sql: """
                DROP TRIGGER scanned_sheet_decided_once;
                CREATE TRIGGER scanned_sheet_decided_once BEFORE UPDATE OF decision ON scanned_sheet
                    WHEN OLD.decision IS NOT NULL AND NEW.decision IS NOT NULL
                    BEGIN SELECT RAISE(ABORT, 'a sheet is decided once'); END;
                """)
        }
        return migrator
    }
}
