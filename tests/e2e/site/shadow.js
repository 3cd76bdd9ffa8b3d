customElements.define('id-uploader', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<label for="f">Front of your ID card</label><input type="file" id="f" accept="image/*">';
    root.getElementById('f').addEventListener('change', (e) => report([...e.target.files], 'shadow'));
  }
});
