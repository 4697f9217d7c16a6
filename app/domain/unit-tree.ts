/** Rows with a parent id, arranged as a tree in Vietnamese alphabetical order. */

export type TreeNode<T> = T & { depth: number; children: TreeNode<T>[] };

/** Vietnamese order (Đ right after D, tones after the bare letter), the same on every database. */
const byVietnameseName = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

export function buildTree<T extends { id: number; parentId: number | null; name: string }>(rows: T[]): TreeNode<T>[] {
  const byId = new Map<number, TreeNode<T>>();
  for (const row of rows) byId.set(row.id, { ...row, depth: 0, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const arrange = (nodes: TreeNode<T>[], depth: number) => {
    nodes.sort((a, b) => byVietnameseName.compare(a.name, b.name));
    for (const n of nodes) {
      n.depth = depth;
      arrange(n.children, depth + 1);
    }
  };
  arrange(roots, 0);
  return roots;
}

export function flattenTree<T>(nodes: TreeNode<T>[]): TreeNode<T>[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}
