import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from 'src/common/database/unique-violation.util';
import { DomainEvents } from 'src/common/events/domain-events';
import { notFound } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { validateDomainName, validateHeader } from 'src/links/domain-rules.util';
import { CreateDomainInput, UpdateDomainInput } from 'src/links/dto/domain.dto';
import { DomainConfiguration } from 'src/links/entities/domain-configuration.entity';
import { DomainHeaderConfiguration } from 'src/links/entities/domain-header-configuration.entity';
import { DomainRepository } from 'src/links/domain.repository';
import { DomainChanged } from 'src/links/links.events';

@Injectable()
export class DomainsService {
  constructor(
    private readonly domains: DomainRepository,
    private readonly events: DomainEvents,
  ) {}

  list(workspaceId: string): Promise<DomainConfiguration[]> {
    return this.domains.findMany(workspaceId, {}, { domain: 'ASC' });
  }

  async get(workspaceId: string, id: string): Promise<DomainConfiguration> {
    const domain = await this.domains.findOne(workspaceId, id);
    if (!domain) throw notFound('Domain', id);
    return domain;
  }

  async create(workspaceId: string, input: CreateDomainInput): Promise<DomainConfiguration> {
    const domain = this.domains.create({ workspaceId, domain: validateDomainName(input.domain), isPrimary: false, sslEnabled: true, headers: [] });
    const saved = await this.apply(workspaceId, domain, input);
    await this.events.publish(DomainChanged, { workspaceId, domainId: saved.id, host: saved.domain });
    return saved;
  }

  async update(workspaceId: string, id: string, input: UpdateDomainInput): Promise<DomainConfiguration> {
    const saved = await this.apply(workspaceId, await this.get(workspaceId, id), input);
    await this.events.publish(DomainChanged, { workspaceId, domainId: saved.id, host: saved.domain });
    return saved;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const domain = await this.get(workspaceId, id);
    if (await this.domains.isUsedByLinks(workspaceId, id)) throw new ValidationFailure('id', 'links use this domain, deleted ones included (their codes stay reserved); it cannot be deleted');
    await this.domains.delete(workspaceId, id);
    await this.events.publish(DomainChanged, { workspaceId, domainId: id, host: domain.domain });
    return true;
  }

  private async apply(workspaceId: string, domain: DomainConfiguration, input: UpdateDomainInput): Promise<DomainConfiguration> {
    if (input.isPrimary !== undefined) domain.isPrimary = input.isPrimary;
    if (input.sslEnabled !== undefined) domain.sslEnabled = input.sslEnabled;
    if (input.headers !== undefined) {
      const names = new Set<string>();
      domain.headers = input.headers.map((header, index) => {
        const [headerName, headerValue] = validateHeader(header.name, header.value, index);
        if (names.has(headerName.toLowerCase())) throw new ValidationFailure(`headers[${index}].name`, `${headerName} is given twice`);
        names.add(headerName.toLowerCase());
        return Object.assign(new DomainHeaderConfiguration(), { workspaceId, headerName, headerValue });
      });
    }
    try {
      const saved = await this.domains.save(domain);
      return this.get(workspaceId, saved.id);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_domain_configuration_domain')) throw new ValidationFailure('domain', 'this domain is already configured');
      throw error;
    }
  }
}
