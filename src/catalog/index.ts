/**
 * The node catalog as the app sees it: the React-free definitions shared with the server
 * (src/shared/catalog) and the icon each type is drawn with.
 */
export * from '../shared/catalog';
export { NODE_ICONS, nodeIcon } from './icons';
