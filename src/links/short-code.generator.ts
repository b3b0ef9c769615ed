import { Injectable } from '@nestjs/common';
import { generateShortCode } from 'src/links/short-code.util';

/** Randomness behind an injectable seam, so tests can force collisions. */
@Injectable()
export class ShortCodeGenerator {
  generate(length: number): string {
    return generateShortCode(length);
  }
}
