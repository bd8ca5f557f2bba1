// B-cubed precision, recall and F1 of a clustering against gold classes (Bagga & Baldwin 1998).

export interface BCubed {
  precision: number
  recall: number
  f1: number
}

/** `predicted` and `gold` map each scored element to its cluster and its class; elements missing from `predicted` count as singletons. */
export function bcubed(gold: Map<string, string>, predicted: Map<string, string>): BCubed {
  const members = new Map<string, Set<string>>()
  const classes = new Map<string, Set<string>>()
  const clusterOf = (e: string) => predicted.get(e) ?? `singleton:${e}`
  for (const [element, cls] of gold) {
    const c = clusterOf(element)
    members.set(c, (members.get(c) ?? new Set()).add(element))
    classes.set(cls, (classes.get(cls) ?? new Set()).add(element))
  }
  let precision = 0
  let recall = 0
  for (const [element, cls] of gold) {
    const cluster = members.get(clusterOf(element))!
    const klass = classes.get(cls)!
    let both = 0
    for (const other of cluster) if (klass.has(other)) both++
    precision += both / cluster.size
    recall += both / klass.size
  }
  precision /= gold.size || 1
  recall /= gold.size || 1
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 }
}
