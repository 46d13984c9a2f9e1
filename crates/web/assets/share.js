// The team page's "copy link" button: the clipboard where the browser allows it, otherwise
// the link selected for the buyer to copy by hand.
(() => {
  const button = document.getElementById("copy-link");
  const link = document.getElementById("share-link");
  if (!button || !link) return;
  button.addEventListener("click", async () => {
    link.select();
    try {
      await navigator.clipboard.writeText(link.value);
      button.textContent = button.dataset.copied;
    } catch {
      document.execCommand("copy");
    }
  });
})();
