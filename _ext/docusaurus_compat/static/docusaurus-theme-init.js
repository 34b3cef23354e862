/* The saved colour mode, applied before the page is drawn (furo's inline script, as a file:
   the site's Content-Security-Policy allows no inline script). Loaded first in <body>. */
document.body.dataset.theme = localStorage.getItem("theme") || "auto";
