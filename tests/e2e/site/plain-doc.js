document.getElementById('doc').addEventListener('change', (e) => report([...e.target.files], 'change'));
