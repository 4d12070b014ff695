import { escapeIdentifier, type Pool } from 'pg';
import type { LinkGenerations } from './linkGenerations';

/**
 * In PostgreSQL, table board_links (migrations/004_board_links.sql). Never cached: another process
 * may have advanced it; a rotation there must refuse the old links here at once.
 */
export class PostgresLinkGenerations implements LinkGenerations {
  private readonly sql: { current: string; advance: string };

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    const s = escapeIdentifier(schema);
    this.sql = {
      current: `SELECT generation FROM ${s}.board_links WHERE board = $1`,
      advance: `INSERT INTO ${s}.board_links AS l (board, generation) VALUES ($1, 1)
        ON CONFLICT (board) DO UPDATE SET generation = l.generation + 1, rotated_at = now() RETURNING generation`,
    };
  }

  async current(boardId: string): Promise<number> {
    const result = await this.pool.query<{ generation: number }>(this.sql.current, [boardId]);
    return result.rows[0]?.generation ?? 0;
  }

  async advance(boardId: string): Promise<number> {
    const result = await this.pool.query<{ generation: number }>(this.sql.advance, [boardId]);
    return result.rows[0]!.generation;
  }
}
