/**
 * html-to-image inlines every computed style property (about 550 in Chromium, plus every custom
 * property in scope) on every element it clones, so a 24-node board made a 5 MB SVG: too big to
 * import again once a board grows (the import limit is 10 MiB). This drops each declaration that
 * changes nothing, so the drawing is the same:
 * - custom properties (--x): computed styles hold resolved values, so nothing refers to them;
 * - a value the element would inherit anyway: the same as its parent's, for an inherited property;
 * - a value the element has anyway: the browser's default for its tag, when the property is not
 *   inherited or the parent has the same value.
 * Runs in the browser: defaults and inheritance are read from pristine elements in a shadow root,
 * where the page's style sheets (say `* { box-sizing: border-box }`) do not reach, as they do not
 * reach the SVG file once it is opened on its own.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

export function pruneDefaultStyles(root: Element): void {
  const host = document.createElement('div');
  // `all: initial` cuts inheritance from the page; display: none keeps it out of layout.
  host.style.cssText = 'all: initial; display: none';
  const sandbox = host.attachShadow({ mode: 'open' });
  const svgSandbox = document.createElementNS(SVG_NS, 'svg');
  const probeParent = document.createElement('div');
  const probeChild = document.createElement('div');
  probeParent.append(probeChild);
  sandbox.append(svgSandbox, probeParent);
  document.body.append(host);

  const defaults = new Map<string, Map<string, string>>();
  const defaultsFor = (element: Element) => {
    const key = `${element.namespaceURI} ${element.localName}`;
    let values = defaults.get(key);
    if (!values) {
      const pristine = document.createElementNS(element.namespaceURI, element.localName);
      (element.namespaceURI === SVG_NS ? svgSandbox : sandbox).append(pristine);
      values = declarations(getComputedStyle(pristine));
      pristine.remove();
      defaults.set(key, values);
    }
    return values;
  };

  const inheritance = new Map<string, boolean>();
  /** Whether a property is inherited: set it on a parent and look at the child. Undefined when the test cannot tell. */
  const inherits = (name: string, value: string): boolean | undefined => {
    if (inheritance.has(name)) return inheritance.get(name);
    const plain = getComputedStyle(probeChild).getPropertyValue(name);
    probeParent.style.setProperty(name, value);
    const parentValue = getComputedStyle(probeParent).getPropertyValue(name);
    const seen = getComputedStyle(probeChild).getPropertyValue(name);
    probeParent.style.removeProperty(name);
    if (parentValue === plain) return undefined;
    inheritance.set(name, seen === parentValue);
    return seen === parentValue;
  };

  const prune = (element: Element, parent: Map<string, string> | null): void => {
    const style = (element as HTMLElement).style as CSSStyleDeclaration | undefined;
    let own = parent;
    if (style?.length) {
      own = declarations(style);
      const base = defaultsFor(element);
      for (const [name, value] of own) {
        const parentValue = parent?.get(name);
        const isDefault = base.get(name) === value;
        const redundant =
          name.startsWith('--') ||
          (parent === null
            ? isDefault
            : parentValue === value
              ? isDefault || inherits(name, value) === true
              : isDefault && parentValue !== undefined && inherits(name, parentValue) === false);
        if (redundant) style.removeProperty(name);
      }
    }
    for (const child of Array.from(element.children)) prune(child, own);
  };

  try {
    prune(root, null);
  } finally {
    host.remove();
  }
}

function declarations(style: CSSStyleDeclaration): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < style.length; i++) {
    const name = style.item(i);
    values.set(name, style.getPropertyValue(name));
  }
  return values;
}
