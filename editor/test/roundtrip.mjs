// Every body of the demo content goes through the editor's Markdown and back: prints the ones
// that change, and whether each change is only white space. `npm test` runs it.
import { readFileSync, readdirSync } from "node:fs";
import { parseMarkdown, toMarkdown } from "../src/markdown.js";

const demo = new URL("../../crates/portico/demo/", import.meta.url);
let changed = 0;
let total = 0;
for (const file of readdirSync(demo).filter((f) => f.endsWith(".toml"))) {
  const text = readFileSync(new URL(file, demo), "utf8");
  for (const [, body] of text.matchAll(/body = '''\n([\s\S]*?)'''/g)) {
    total++;
    const doc = parseMarkdown(body);
    if (!doc) {
      console.log(`${file}: not shown by the editor:\n${body.slice(0, 200)}`);
      changed++;
      continue;
    }
    const back = toMarkdown(doc, body);
    if (back !== body) {
      changed++;
      const squeeze = (s) => s.replace(/\s+/g, " ").trim();
      console.log(`${file}: changed${squeeze(back) === squeeze(body) ? " (white space only)" : ""}`);
      const a = body.trim().split("\n"), b = back.trim().split("\n");
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (a[i] !== b[i]) { console.log(`  - ${JSON.stringify(a[i])}\n  + ${JSON.stringify(b[i])}`); break; }
      }
    }
  }
}
const samples = [
  "![Camp](/a.jpg)\n*Families. Photo: IOM*",
  "| Name | Email |\n| --- | --- |\n| Ana | a@iom.int |",
  "| | |\n| --- | --- |\n| a | b |",
  "| a | b |\n| :--- | ---: |\n| 1 | 2 |",
  "| **Province** | *Families* |\n| --- | --- |\n| [Sofala](/en/sofala) | 7\\|00 |",
  "- one\n- two\n\n1. a\n2. b",
  "> quoted *text* and **bold** and ~~gone~~",
  "Text with [a link](https://example.org) and ![inline](/x.png) image.",
  "![Alone](/b.jpg)",
];
for (const sample of samples) {
  total++;
  const doc = parseMarkdown(sample);
  const back = doc && toMarkdown(doc).trim();
  if (back !== sample) {
    changed++;
    console.log(`sample changed:\n${sample}\n→\n${back}`);
  }
}
for (const refused of ["Note[^1].\n\n[^1]: A footnote.", "<div>raw</div>\n\ntext"]) {
  total++;
  if (parseMarkdown(refused) !== null) {
    changed++;
    console.log(`should be left to the source view:\n${refused}`);
  }
}
console.log(`${total - changed} of ${total} bodies come back unchanged`);
process.exit(changed ? 1 : 0);
