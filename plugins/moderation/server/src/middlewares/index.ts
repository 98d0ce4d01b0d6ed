import blockHidden from './block-hidden';

export default { 'block-hidden': blockHidden };
