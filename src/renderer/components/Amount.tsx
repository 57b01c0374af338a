/** An amount of money: formatted yuan text, with the integer fen in data-fen for tests and tools. */
import { formatYuan, type Fen } from '../../shared/money.js';

export function Amount({ fen, testId, size = 'md', className }: { fen: Fen; testId?: string; size?: 'sm' | 'md' | 'lg' | 'xl'; className?: string }) {
  return (
    <span className={`amount amount-${size}${className ? ` ${className}` : ''}`} data-testid={testId} data-fen={fen}>
      {formatYuan(fen)}
    </span>
  );
}
