// Material's tab selection (partials/javascripts/content.html, Material 9.8), as a file for the CSP.
var target = document.getElementById(location.hash.slice(1));
target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
