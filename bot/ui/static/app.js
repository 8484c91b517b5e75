() => {
  // Citation chips: every <button class="hb-cite">¶N</button> in the chat gets data-paragraph="N";
  // clicking one shows and highlights paragraph N in the article panel (on a phone, opens it).
  const phone = () => window.matchMedia("(max-width: 800px)").matches;
  const mark = () => {
    document.querySelectorAll("button.hb-cite:not([data-paragraph])").forEach((chip) => {
      const m = chip.textContent.match(/¶(\d+)/);
      if (!m) return;
      chip.dataset.paragraph = m[1];
      chip.setAttribute("aria-label", "Show paragraph " + m[1] + " in the article");
      chip.title = "Show paragraph " + m[1];
    });
  };
  new MutationObserver(mark).observe(document.body, { subtree: true, childList: true, characterData: true });
  mark();

  // The article panel's state lives on the shell row: "open" (phone drawer shown), "closed"
  // (wide screen, column hidden) or none.
  const shell = () => document.querySelector("#hb-shell");
  const setPanel = (state) => {
    const el = shell();
    if (!el) return;
    if (state) el.dataset.article = state;
    else delete el.dataset.article;
  };
  const panel = () => (shell() || { dataset: {} }).dataset.article;
  const show = (n) => {
    const para = document.querySelector('#article [data-paragraph="' + n + '"]');
    if (!para) return;
    setPanel(phone() ? "open" : null);
    document.querySelectorAll("#article .hb-hl").forEach((el) => el.classList.remove("hb-hl"));
    para.classList.add("hb-hl");
    window.requestAnimationFrame(() => para.scrollIntoView({ block: "center", behavior: "smooth" }));
  };

  document.addEventListener(
    "click",
    (event) => {
      const chip = event.target.closest("button.hb-cite");
      if (chip) {
        event.preventDefault();
        event.stopPropagation();
        show(chip.dataset.paragraph || (chip.textContent.match(/\d+/) || [])[0]);
        return;
      }
      if (event.target.closest("#article .hb-close")) {
        setPanel(phone() ? null : "closed");
        return;
      }
      if (event.target.closest("#hb-article-toggle")) {
        if (phone()) setPanel(panel() === "open" ? null : "open");
        else setPanel(panel() === "closed" ? null : "closed");
      }
    },
    true
  );
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && panel() === "open") setPanel(null);
  });
}
