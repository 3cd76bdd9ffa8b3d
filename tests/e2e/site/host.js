document.getElementById('widget').src = new URLSearchParams(location.search).get('widget');
