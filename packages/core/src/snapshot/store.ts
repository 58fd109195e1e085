/**
 * The development hub's database: node:sqlite (built into Node 22.13+, no flag needed), one file that
 * survives restarts. Every accepted message is written with its proposal or vote in one transaction,
 * so a refused or failed message leaves nothing behind.
 */
import { DatabaseSync } from "node:sqlite";

export interface StoredProposal {
  id: string;
  space: string;
  author: string;
  created: number;
  type: string;
  title: string;
  body: string;
  discussion: string;
  choices: string[];
  start: number;
  end: number;
  snapshot: number;
  network: string;
  /** The space's strategies when the proposal was created: votes are counted with these. */
  strategies: { name: string; network: string; params: Record<string, unknown> }[];
  /** Quorum in tokens, from the space settings at creation. */
  quorum: number;
}

export interface StoredVote {
  id: string;
  proposal: string;
  voter: string;
  created: number;
  choice: number;
  reason: string;
  /** Voting power in tokens per strategy (floating point, as Snapshot reports it). */
  scores: number[];
  /** Voting power in token base units (wei), summed over strategies, as a decimal string. */
  vpWei: string;
}

/** An accepted signed message, kept whole for audit and replay protection. */
export interface StoredMessage {
  id: string;
  sig: string;
  address: string;
  kind: "proposal" | "vote";
  received: number;
  envelope: string;
}

type Row = Record<string, unknown>;

export class HubStore {
  readonly db: DatabaseSync;

  constructor(readonly path: string) {
    this.db = new DatabaseSync(path);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      CREATE TABLE IF NOT EXISTS messages (
        id TEXT PRIMARY KEY, sig TEXT NOT NULL UNIQUE, address TEXT NOT NULL, kind TEXT NOT NULL,
        received INTEGER NOT NULL, envelope TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS proposals (
        id TEXT PRIMARY KEY REFERENCES messages(id), space TEXT NOT NULL, author TEXT NOT NULL,
        created INTEGER NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
        discussion TEXT NOT NULL, choices TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        snapshot INTEGER NOT NULL, network TEXT NOT NULL, strategies TEXT NOT NULL, quorum REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS votes (
        id TEXT PRIMARY KEY REFERENCES messages(id), proposal TEXT NOT NULL REFERENCES proposals(id),
        voter TEXT NOT NULL, created INTEGER NOT NULL, choice INTEGER NOT NULL, reason TEXT NOT NULL,
        scores TEXT NOT NULL, vp_wei TEXT NOT NULL, UNIQUE (proposal, voter));
    `);
  }

  /** Whether a message with this hash or this signature was already accepted. */
  isReplay(id: string, sig: string): boolean {
    return this.db.prepare("SELECT 1 FROM messages WHERE id = ? OR sig = ?").get(id, sig) !== undefined;
  }

  addProposal(message: StoredMessage, proposal: StoredProposal): void {
    this.transaction(() => {
      this.insertMessage(message);
      this.db
        .prepare(
          `INSERT INTO proposals (id, space, author, created, type, title, body, discussion, choices, start,
           "end", snapshot, network, strategies, quorum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          proposal.id,
          proposal.space,
          proposal.author,
          proposal.created,
          proposal.type,
          proposal.title,
          proposal.body,
          proposal.discussion,
          JSON.stringify(proposal.choices),
          proposal.start,
          proposal.end,
          proposal.snapshot,
          proposal.network,
          JSON.stringify(proposal.strategies),
          proposal.quorum,
        );
    });
  }

  /** Stores a vote; a voter's later vote replaces the earlier one, as on Snapshot. */
  addVote(message: StoredMessage, vote: StoredVote): void {
    this.transaction(() => {
      this.insertMessage(message);
      this.db
        .prepare(
          `INSERT INTO votes (id, proposal, voter, created, choice, reason, scores, vp_wei)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (proposal, voter) DO UPDATE SET id = excluded.id, created = excluded.created,
             choice = excluded.choice, reason = excluded.reason, scores = excluded.scores, vp_wei = excluded.vp_wei`,
        )
        .run(
          vote.id,
          vote.proposal,
          vote.voter,
          vote.created,
          vote.choice,
          vote.reason,
          JSON.stringify(vote.scores),
          vote.vpWei,
        );
    });
  }

  proposal(id: string): StoredProposal | undefined {
    const row = this.db.prepare("SELECT * FROM proposals WHERE id = ?").get(id) as Row | undefined;
    return row ? toProposal(row) : undefined;
  }

  proposals(): StoredProposal[] {
    return (this.db.prepare("SELECT * FROM proposals ORDER BY created DESC, id").all() as Row[]).map(
      toProposal,
    );
  }

  votes(proposal: string): StoredVote[] {
    const rows = this.db
      .prepare("SELECT * FROM votes WHERE proposal = ? ORDER BY created, rowid")
      .all(proposal) as Row[];
    return rows.map(toVote);
  }

  counts(): { messages: number; proposals: number; votes: number } {
    const count = (table: string): number =>
      Number((this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as Row).n);
    return { messages: count("messages"), proposals: count("proposals"), votes: count("votes") };
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private insertMessage(message: StoredMessage): void {
    this.db
      .prepare("INSERT INTO messages (id, sig, address, kind, received, envelope) VALUES (?, ?, ?, ?, ?, ?)")
      .run(message.id, message.sig, message.address, message.kind, message.received, message.envelope);
  }

  private transaction(work: () => void): void {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      work();
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }
}

function toProposal(row: Row): StoredProposal {
  return {
    id: String(row.id),
    space: String(row.space),
    author: String(row.author),
    created: Number(row.created),
    type: String(row.type),
    title: String(row.title),
    body: String(row.body),
    discussion: String(row.discussion),
    choices: JSON.parse(String(row.choices)) as string[],
    start: Number(row.start),
    end: Number(row.end),
    snapshot: Number(row.snapshot),
    network: String(row.network),
    strategies: JSON.parse(String(row.strategies)) as StoredProposal["strategies"],
    quorum: Number(row.quorum),
  };
}

function toVote(row: Row): StoredVote {
  return {
    id: String(row.id),
    proposal: String(row.proposal),
    voter: String(row.voter),
    created: Number(row.created),
    choice: Number(row.choice),
    reason: String(row.reason),
    scores: JSON.parse(String(row.scores)) as number[],
    vpWei: String(row.vp_wei),
  };
}
