document.getElementById('doc').addEventListener('change', (e) => report([...e.target.files], 'change'));
document.getElementById('other').addEventListener('change', (e) => report([...e.target.files], 'other'));
