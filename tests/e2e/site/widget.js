document.getElementById('w').addEventListener('change', (e) => report([...e.target.files], 'widget'));
