import { readFileSync, writeFileSync } from 'node:fs';
import { launchWithExtension, openStampPage, stampInPage } from './chromium.ts';
const b = await launchWithExtension();
const p = await openStampPage(b);
p.on('console', (m) => console.log('console', m.type(), m.text()));
const src = process.argv[2]!;
const r = await stampInPage(p, src.split('/').pop()!, readFileSync(src), JSON.parse(process.argv[3] ?? '{}'));
if (r.ok) { writeFileSync('/tmp/out-' + r.name, Buffer.from(r.base64, 'base64')); console.log(JSON.stringify(r.report)); } else console.log(r);
await b.close();
