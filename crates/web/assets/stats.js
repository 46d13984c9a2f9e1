// The dashboard's one button: print (or save as PDF) through the browser's own dialog.
document.getElementById('stats-print')?.addEventListener('click', () => window.print());
