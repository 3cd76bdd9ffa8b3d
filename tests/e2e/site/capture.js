document.getElementById('cam').addEventListener('change', (e) => report([...e.target.files], 'change'));
