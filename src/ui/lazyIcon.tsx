import { useEffect, useState, type ComponentType } from 'react';
import type { LucideProps } from 'lucide-react';
import { prefetchWithLazyParts } from './prefetch';

export type IconComponent = ComponentType<LucideProps>;

/**
 * An icon whose shape is fetched with the lazy parts (src/ui/lazyPart.tsx), or when first drawn:
 * for icons only menus show, closed when the board appears, so they stay out of the board page's
 * first download (docs/BENCHMARKS.md, load). Until it arrives, or if it cannot be fetched, the
 * place stays empty: the label beside it says what the item is.
 */
export function lazyIcon(load: () => Promise<IconComponent>): IconComponent {
  let loaded: IconComponent | undefined;
  let loading: Promise<unknown> | undefined;
  const fetchIcon = () => (loading ??= load().then((icon) => (loaded = icon)));
  prefetchWithLazyParts(fetchIcon);

  return function LazyIcon(props: LucideProps) {
    const [, setArrived] = useState(() => loaded !== undefined);
    useEffect(() => {
      let live = true;
      fetchIcon().then(
        () => live && setArrived(true),
        () => undefined,
      );
      return () => {
        live = false;
      };
    }, []);
    const Icon = loaded;
    return Icon ? <Icon {...props} /> : null;
  };
}
