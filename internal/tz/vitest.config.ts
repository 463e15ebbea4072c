import { voicebookProject } from '../../vitest.shared.js';

export default voicebookProject('tz');
