document.getElementById('pic').addEventListener('change', (e) => report([...e.target.files], 'change'));
