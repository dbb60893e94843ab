import GRDB

/// Elections (RULES.md §4): definitions, candidates, the counting committee, the ballots
/// printed, who received a ballot (never which), and every ballot as entered by each
/// operator. Nothing links a serial, or an entry, to a delegate.
enum ElectionSchema {
    static func register(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5 elections") { db in
            try db.execute(sql: """
                CREATE TABLE election (
                    id INTEGER PRIMARY KEY,
                    body TEXT NOT NULL,
                    title TEXT NOT NULL,
                    seats INTEGER NOT NULL CHECK (seats >= 1),
                    round INTEGER NOT NULL DEFAULT 1,
                    -- a run-off or further round: the count it follows
                    parent_id INTEGER REFERENCES election(id),
                    -- elections printed on one combined paper (chair mode 2): the first one's id
                    paper_group INTEGER REFERENCES election(id),
                    threshold_base TEXT NOT NULL,
                    -- official delegates absent for the whole congress without an alternate (the convened base)
                    absent_whole_congress INTEGER NOT NULL DEFAULT 0,
                    surplus_cap_percent INTEGER,
                    manual_order INTEGER NOT NULL DEFAULT 0,
                    -- draft → printed (the list is fixed) → published (the result is public and final)
                    status TEXT NOT NULL DEFAULT 'draft',
                    created_at TEXT NOT NULL,
                    published_at TEXT,
                    -- the result as published (the tally's JSON): what the hall screen shows, never recomputed
                    published_result TEXT
                );
                CREATE TABLE candidate (
                    election_id INTEGER NOT NULL REFERENCES election(id),
                    id INTEGER NOT NULL,
                    delegate_code TEXT REFERENCES delegate(code),
                    name TEXT NOT NULL,
                    birth_date TEXT,
                    details TEXT,
                    nomination TEXT NOT NULL,
                    -- the place on the paper when the order is manual
                    manual_position INTEGER,
                    PRIMARY KEY (election_id, id)
                );
                CREATE UNIQUE INDEX candidate_delegate ON candidate(election_id, delegate_code) WHERE delegate_code IS NOT NULL;
                CREATE TABLE committee_member (
                    election_id INTEGER NOT NULL REFERENCES election(id),
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    delegate_code TEXT REFERENCES delegate(code),
                    PRIMARY KEY (election_id, name)
                );
                -- The serials printed: a ballot whose serial is not here was not issued by the committee.
                CREATE TABLE ballot_serial (
                    election_id INTEGER NOT NULL REFERENCES election(id),
                    serial TEXT NOT NULL,
                    printed_at TEXT NOT NULL,
                    PRIMARY KEY (election_id, serial)
                );
                -- Who received this election's ballot (the issued count), and when: not which serial.
                CREATE TABLE ballot_issue (
                    election_id INTEGER NOT NULL REFERENCES election(id),
                    delegate_code TEXT NOT NULL REFERENCES delegate(code),
                    at TEXT NOT NULL,
                    station TEXT NOT NULL,
                    PRIMARY KEY (election_id, delegate_code)
                );
                -- Each paper ballot as one operator entered it; a correction supersedes an entry,
                -- an undo withdraws it; nothing is deleted.
                CREATE TABLE ballot_entry (
                    id INTEGER PRIMARY KEY,
                    election_id INTEGER NOT NULL REFERENCES election(id),
                    operator TEXT NOT NULL,
                    serial TEXT NOT NULL,
                    struck TEXT NOT NULL,
                    marks TEXT NOT NULL,
                    at TEXT NOT NULL,
                    withdrawn_at TEXT,
                    -- the client's id for this entry (the API): sent again, it is entered once
                    client_id TEXT UNIQUE
                );
                CREATE INDEX ballot_entry_election ON ballot_entry(election_id, operator);
                CREATE TRIGGER ballot_entry_no_delete BEFORE DELETE ON ballot_entry
                    BEGIN SELECT RAISE(ABORT, 'ballot entries are never deleted'); END;
                CREATE TRIGGER ballot_issue_no_delete BEFORE DELETE ON ballot_issue
                    BEGIN SELECT RAISE(ABORT, 'ballot issues are never deleted'); END;
                """)
        }
    }

    /// v8: the sitting an election is held in, and the record frozen when it is published.
    static func registerRecord(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8 the sitting of the vote and the frozen record of a count") { db in
            try db.execute(sql: """
                ALTER TABLE election ADD COLUMN sitting_id INTEGER REFERENCES sitting(id);
                -- CountRecord's JSON: the minutes and the elected as published; never changes
                ALTER TABLE election ADD COLUMN count_record TEXT;
                CREATE TRIGGER election_record_frozen BEFORE UPDATE OF count_record, published_result, status ON election
                    WHEN OLD.status = 'published'
                    BEGIN SELECT RAISE(ABORT, 'a published count is frozen'); END;
                """)
        }
    }

    /// v9: scanned ballots kept as received, with the machine's reading and the committee's
    /// decision (RULES.md §4.5, §6). Tied to the paper's serial, never to a delegate.
    static func registerScans(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9 scanned ballots") { db in
            try db.execute(sql: """
                -- Each file as the scanner wrote it, once (by its SHA-256), kept until keep_until:
                -- six months, as long as the paper ballots are sealed.
                CREATE TABLE scan_file (
                    sha256 TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    content BLOB NOT NULL,
                    received_at TEXT NOT NULL,
                    keep_until TEXT NOT NULL
                );
                -- Each sheet read from a file's page: the reading (every line's scores, JSON), what
                -- became of it, the page resampled onto the paper (grey JPEG, for review), and the
                -- committee's decision. entry_id is the ballot it entered, if any.
                CREATE TABLE scanned_sheet (
                    id INTEGER PRIMARY KEY,
                    election_id INTEGER NOT NULL REFERENCES election(id),
                    file_sha256 TEXT NOT NULL REFERENCES scan_file(sha256),
                    file_name TEXT NOT NULL,
                    page INTEGER NOT NULL,
                    serial TEXT,
                    status TEXT NOT NULL CHECK (status IN ('counted', 'review', 'rejected')),
                    struck TEXT NOT NULL,
                    review TEXT NOT NULL,
                    reason TEXT,
                    reading TEXT NOT NULL,
                    aligned BLOB,
                    -- the paper it was read as (a5, a4): where its lines are on the aligned page
                    paper TEXT,
                    -- the part of a combined paper (chair mode 2) that is this election's: 0, 1
                    part INTEGER NOT NULL DEFAULT 0,
                    operator TEXT NOT NULL,
                    read_at TEXT NOT NULL,
                    entry_id INTEGER REFERENCES ballot_entry(id),
                    decision TEXT,
                    UNIQUE (election_id, file_sha256, page)
                );
                CREATE INDEX scanned_sheet_serial ON scanned_sheet(election_id, serial);
                CREATE TRIGGER scanned_sheet_no_delete BEFORE DELETE ON scanned_sheet
                    WHEN (SELECT keep_until FROM scan_file WHERE sha256 = OLD.file_sha256) > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                    BEGIN SELECT RAISE(ABORT, 'scanned ballots are kept six months'); END;
                CREATE TRIGGER scan_file_no_delete BEFORE DELETE ON scan_file
                    WHEN OLD.keep_until > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                    BEGIN SELECT RAISE(ABORT, 'scanned ballots are kept six months'); END;
                CREATE TRIGGER scanned_sheet_decided_once BEFORE UPDATE OF decision ON scanned_sheet
                    WHEN OLD.decision IS NOT NULL
                    BEGIN SELECT RAISE(ABORT, 'a sheet is decided once'); END;
                """)
        }
    }
}
