document.getElementById('pick').addEventListener('click', () => {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'image/*';
  input.onchange = () => report([...input.files], 'detached');
  input.click();
});
