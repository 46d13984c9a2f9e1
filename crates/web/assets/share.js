// The share card's "copy link" button (a team's page; a product's page for a leader): the
// clipboard where the browser allows it, otherwise the link selected to copy by hand.
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
