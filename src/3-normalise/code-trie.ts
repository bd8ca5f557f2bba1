// A trie over UTF-16 code units whose edges live in one open-addressing hash table of typed arrays: following an
// edge costs a multiply and an array read or two, where a Map per node costs a hash-map lookup. Term matching
// follows an edge for nearly every letter of every item, which is why this exists.

/** The root's id; no edge leads to it, so a lookup answers NONE (also 0) when there is no such edge. */
export const ROOT = 0
export const NONE = 0

export class CodeTrie {
  private parents = new Int32Array(64)
  private codes = new Uint16Array(64)
  private children = new Int32Array(64)
  private edges = 0
  private shift = 26
  /** Number of nodes, the root included: ids run from 0 to size − 1. */
  size = 1

  private slot(parent: number, code: number): number {
    return Math.imul(Math.imul(parent, 0x9e3779b1) ^ code, 0x85ebca6b) >>> this.shift
  }

  /** The child of `parent` along `code`, or NONE. */
  next(parent: number, code: number): number {
    const mask = this.children.length - 1
    for (let i = this.slot(parent, code); ; i = (i + 1) & mask) {
      const child = this.children[i]!
      if (child === NONE || (this.parents[i] === parent && this.codes[i] === code)) return child
    }
  }

  /** The node reached from the root along `text`, made where missing. */
  insert(text: string): number {
    let node = ROOT
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      const child = this.next(node, code)
      node = child === NONE ? this.addEdge(node, code) : child
    }
    return node
  }

  private addEdge(parent: number, code: number): number {
    if ((this.edges + 1) * 2 > this.children.length) this.grow()
    const child = this.size++
    this.place(parent, code, child)
    this.edges++
    return child
  }

  private place(parent: number, code: number, child: number): void {
    const mask = this.children.length - 1
    let i = this.slot(parent, code)
    while (this.children[i] !== NONE) i = (i + 1) & mask
    this.parents[i] = parent
    this.codes[i] = code
    this.children[i] = child
  }

  private grow(): void {
    const { parents, codes, children } = this
    this.parents = new Int32Array(children.length * 2)
    this.codes = new Uint16Array(children.length * 2)
    this.children = new Int32Array(children.length * 2)
    this.shift--
    for (let i = 0; i < children.length; i++) if (children[i] !== NONE) this.place(parents[i]!, codes[i]!, children[i]!)
  }
}
