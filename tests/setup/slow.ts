/** API and browser tests boot a real Strapi (and a browser): ten minutes per test or hook, as node:test had. */
import { jest } from '@jest/globals';

jest.setTimeout(600_000);
