import { InfoCard } from '@backstage/core-components';
import { ComponentProps } from 'react';
import { UnderHeading, useHeadingLevel } from './headingLevel';

/**
 * Backstage's InfoCard with its title a real heading at the level where the
 * card is (its CardHeader would render the title in a span), and the card's
 * content one level below. It looks the same.
 */
export function SectionCard(props: ComponentProps<typeof InfoCard>) {
  const { children, ...rest } = props;
  const level = useHeadingLevel();
  return (
    <InfoCard {...rest} titleTypographyProps={{ component: `h${level}` }}>
      <UnderHeading>{children}</UnderHeading>
    </InfoCard>
  );
}
