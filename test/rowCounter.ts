import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

export interface Write {
  kind: 'insert' | 'update' | 'delete';
  table: string;
  rows: number;
}

/**
 * Records every insert, update and delete with its table and the rows it touched, so a test can
 * say how much a unit of work wrote (and prove that, say, no message row was rewritten).
 */
export class RowCounter implements KyselyPlugin {
  readonly writes: Write[] = [];
  private pending = new WeakMap<object, Omit<Write, 'rows'>>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const write = describe(args.node);
    if (write) this.pending.set(args.queryId, write);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const write = this.pending.get(args.queryId);
    if (write) this.writes.push({ ...write, rows: Number(args.result.numAffectedRows ?? BigInt(args.result.rows.length)) });
    return args.result;
  }

  total(filter: Partial<Omit<Write, 'rows'>> = {}): number {
    return this.writes
      .filter((w) => (!filter.kind || w.kind === filter.kind) && (!filter.table || w.table === filter.table))
      .reduce((sum, w) => sum + w.rows, 0);
  }
}

function describe(node: RootOperationNode): Omit<Write, 'rows'> | null {
  const n = node as any;
  if (node.kind === 'InsertQueryNode') return { kind: 'insert', table: tableName(n.into) };
  if (node.kind === 'UpdateQueryNode') return { kind: 'update', table: tableName(n.table) };
  if (node.kind === 'DeleteQueryNode') return { kind: 'delete', table: tableName(n.from?.froms?.[0]) };
  return null;
}

function tableName(node: OperationNode | undefined): string {
  const n = node as any;
  if (!n) return '?';
  if (n.kind === 'AliasNode') return tableName(n.node);
  if (n.kind === 'TableNode') return n.table.identifier.name;
  return '?';
}
