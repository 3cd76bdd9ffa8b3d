// A React-controlled upload: React's own synthetic onChange must see the stamped file.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function Uploader() {
  const [names, setNames] = useState([]);
  return (
    <main>
      <h1>Identity verification</h1>
      <label htmlFor="doc">Driver's licence (front)</label>
      <input
        id="doc"
        type="file"
        accept="image/*"
        onChange={(e) => {
          const files = [...e.target.files];
          setNames(files.map((f) => f.name));
          window.report(files, 'react');
        }}
      />
      <ul id="names">{names.map((n) => <li key={n}>{n}</li>)}</ul>
    </main>
  );
}
createRoot(document.getElementById('root')).render(<Uploader />);
