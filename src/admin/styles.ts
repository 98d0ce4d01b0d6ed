/**
 * Nashra's admin stylesheet, put in the document by app.tsx. A string rather than an imported
 * .css file: Strapi's build puts imported CSS in a chunk only its lazy pages load, and not always.
 */
export const ADMIN_CSS = `
/*
 * Nashra's admin: direction by content everywhere, and the few places where Strapi's design
 * system uses physical left/right, mirrored when the document is right to left. Strapi's Box,
 * Flex and Typography already use logical properties (padding-inline-start...), and flex rows
 * follow the document's direction, so the menu moves to the right with <html dir="rtl"> alone.
 */

/* Text direction by content, not by interface: what editors type and read (titles, excerpts,
   slugs, bodies) takes the direction of its first strong letter, as dir="auto" would, and lines up
   with it; a long Arabic title is then cut at its end, never at its start. */
input:not([type="checkbox"]):not([type="radio"]),
textarea,
[contenteditable="true"] > *,
[role="textbox"] > *,
table td span,
table td p,
table td a,
[role="gridcell"] span {
  unicode-bidi: plaintext;
  text-align: start;
}

/* Radix (tabs, menus, selects, popovers, scroll areas) writes dir="ltr" on its parts when no
   DirectionProvider is given, and Strapi gives none: in a right-to-left document they follow the
   document instead. Only Radix's own parts are matched, never a dir="ltr" set for content. */
html[dir="rtl"] [dir="ltr"]:is([role="tabpanel"], [role="tablist"], [role="menu"], [role="menubar"], [role="listbox"], [role="radiogroup"], [role="toolbar"], [role="tree"], [role="dialog"], [data-orientation], [data-radix-scroll-area-viewport]),
html[dir="rtl"] [data-radix-popper-content-wrapper] > [dir="ltr"] {
  direction: rtl;
}

/* "Skip to content" waits off-screen at left: -100%. In a right-to-left document that is the
   scrollable side: as soon as a menu or dialog locks the page's scroll (body turns
   position: relative), the page doubles in width and the view lands on the empty half. Park it
   off the other side instead, and bring it back at the start edge when focused. */
html[dir="rtl"] a[href="#main-content"] {
  left: auto;
  right: -100%;
}
html[dir="rtl"] a[href="#main-content"]:focus {
  left: auto;
  right: 12px;
}

/* Menu items, select options and table headers are aligned with text-align: left. */
html[dir="rtl"] [role="menuitem"],
html[dir="rtl"] [role="option"],
html[dir="rtl"] th {
  text-align: start;
}

/* The main menu's divider is drawn with border-right (MainNav): on the menu's inner side in
   right to left, that is its left. */
@media (min-width: 1080px) {
  html[dir="rtl"] nav[class]:not([aria-label]) {
    border-right-width: 0;
    /* neutral150 of the light theme and the dark one alike, near enough */
    border-left: 1px solid rgba(128, 128, 160, 0.22);
  }
}
`;

export function addAdminStyles() {
  const style = document.createElement('style');
  style.dataset.nashra = 'admin';
  style.textContent = ADMIN_CSS;
  document.head.appendChild(style);
}
