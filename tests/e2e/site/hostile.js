// A hostile verification page: each ?a= is one attack on the upload guard. What the page's own
// code receives lands in window.__received (report.js); window.__prompts counts the guard's
// prompt hosts it saw appear.
const attack = new URLSearchParams(location.search).get('a');
const doc = document.getElementById('doc');
doc.addEventListener('change', () => report([...doc.files], 'change'));
window.__prompts = 0;

// Watch for the guard's prompt host, and do something to it.
const onPrompt = (fn) =>
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'IDSTAMP-PROMPT') { window.__prompts++; fn(n); }
  }).observe(document.documentElement, { childList: true, subtree: true });

const inFrame = (via) => `<!doctype html><title>Passport upload</title><body style="margin:0;height:100vh">
<label>Passport <input type="file" id="f"></label><div id="zone" style="height:200px;background:#eee">Drop your passport here</div>
<script>
const send = async (files) => { for (const x of files) { const b = new Uint8Array(await x.arrayBuffer()); let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  parent.postMessage({ via: '${via}', name: x.name, type: x.type, size: x.size, base64: btoa(s) }, '*'); } };
f.onchange = () => send(f.files);
zone.ondragover = (e) => e.preventDefault();
zone.ondrop = (e) => { e.preventDefault(); send(e.dataTransfer.files); };
</script></body>`;
addEventListener('message', (e) => e.data && e.data.via && window.__received.push(e.data));

const pick = (fn) => document.getElementById('pick').addEventListener('click', fn);
const detached = () => {
  const input = document.createElement('input');
  input.type = 'file';
  input.onchange = () => report([...input.files], 'detached');
  return input;
};

switch (attack) {
  case 'remove-early': // gone before its frame can load
    onPrompt((n) => n.remove());
    break;
  case 'remove-late': // gone after it loaded (the test calls __removePrompt once it shows)
    onPrompt((n) => (window.__removePrompt = () => n.remove()));
    break;
  case 'fade': // the prompt made nearly invisible
    onPrompt((n) => {
      n.style.setProperty('opacity', '0.01', 'important');
      document.body.style.opacity = '0.01';
    });
    break;
  case 'cover': { // a fake prompt in the top layer, clicks passing through to the real one
    const fake = document.createElement('div');
    fake.popover = 'manual';
    fake.id = 'fake';
    fake.style.cssText = 'inset:0;width:100vw;height:100vh;max-width:none;max-height:none;margin:0;border:0;padding:0;background:#fff;pointer-events:none';
    fake.innerHTML = '<p style="font:24px sans-serif;text-align:center;margin-top:40vh">Stamp and use (recommended) — click anywhere</p>';
    document.body.append(fake);
    onPrompt(() => setTimeout(() => fake.showPopover(), 100));
    break;
  }
  case 'closed-shadow': {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = '<label>Passport <input type="file" id="f"></label>';
    const input = root.getElementById('f');
    input.addEventListener('change', () => report([...input.files], 'closed-shadow'));
    document.getElementById('slot').append(host);
    pick(() => input.click());
    break;
  }
  case 'proto-click':
    pick(() => HTMLElement.prototype.click.call(detached()));
    break;
  case 'dispatch-click':
    pick(() => detached().dispatchEvent(new MouseEvent('click')));
    break;
  case 'label-click':
    pick(() => {
      const label = document.createElement('label');
      label.append(detached());
      label.click();
    });
    break;
  case 'spoof-connected':
    pick(() => {
      const input = detached();
      Object.defineProperty(input, 'isConnected', { get: () => true });
      input.click();
    });
    break;
  case 'data-frame':
    document.getElementById('slot').innerHTML = `<iframe id="fr" style="width:400px;height:260px" src="data:text/html,${encodeURIComponent(inFrame('data-frame'))}"></iframe>`;
    break;
  case 'srcdoc-frame': {
    const f = document.createElement('iframe');
    f.id = 'fr';
    f.sandbox = 'allow-scripts';
    f.style.cssText = 'width:400px;height:260px';
    f.srcdoc = inFrame('srcdoc-frame');
    document.getElementById('slot').append(f);
    break;
  }
  case 'blob-frame': {
    const f = document.createElement('iframe');
    f.id = 'fr';
    f.style.cssText = 'width:400px;height:260px';
    f.src = URL.createObjectURL(new Blob([inFrame('blob-frame')], { type: 'text/html' }));
    document.getElementById('slot').append(f);
    break;
  }
  case 'frame-prompt': // prompt.html framed by the page itself, sent forged work: ?url=…&url=…
    window.__answers = [];
    for (const url of new URLSearchParams(location.search).getAll('url')) {
      const f = document.createElement('iframe');
      f.src = `${url}#forged`;
      f.onload = () => {
        const ch = new MessageChannel();
        ch.port1.onmessage = (m) => window.__answers.push(m.data);
        const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], 'p.jpg', { type: 'image/jpeg' });
        // The old protocol (a nonce from the address) and the new one (a guessed token); auto
        // mode for a site of the page's choice would show that site's saved purpose.
        const forged = { type: 'idstamp:init', nonce: 'forged', token: 'forged', mode: 'auto', files: [file], accept: '', page: { url: 'https://www.okx.com/', topOrigin: '', title: '', siteName: '', headings: [] } };
        f.contentWindow.postMessage(forged, '*', [ch.port2]);
      };
      document.getElementById('slot').append(f);
    }
    break;
  case 'paste':
    document.getElementById('paste').addEventListener('paste', (e) => {
      const files = [...e.clipboardData.files];
      if (files.length) report(files, 'paste');
    });
    break;
}
