import { DataSource, EntityTarget, FindOptionsOrder, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { isUuid } from 'src/common/validation/input-rules';

/**
 * Every read and write of a customer table goes through a method that takes the workspace id,
 * so a query without tenant scoping cannot be written by accident.
 */
export abstract class WorkspaceScopedRepository<T extends ObjectLiteral & { id: string; workspaceId: string }> {
  protected readonly repository: Repository<T>;

  protected constructor(dataSource: DataSource, target: EntityTarget<T>) {
    this.repository = dataSource.getRepository(target);
  }

  /** An id that is not a UUID names no row (PostgreSQL would reject the cast instead). */
  findOne(workspaceId: string, id: string): Promise<T | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repository.findOneBy({ id, workspaceId } as FindOptionsWhere<T>);
  }

  findMany(workspaceId: string, where: FindOptionsWhere<T> = {}, order?: FindOptionsOrder<T>): Promise<T[]> {
    return this.repository.find({ where: { ...where, workspaceId } as FindOptionsWhere<T>, order });
  }

  /** Reads the row back: save() returns only what we sent, not the columns the database defaulted. */
  async insert(workspaceId: string, values: Partial<T>): Promise<T> {
    const saved = await this.repository.save(this.repository.create({ ...values, workspaceId } as T));
    return this.repository.findOneByOrFail({ id: saved.id, workspaceId } as FindOptionsWhere<T>);
  }

  async update(workspaceId: string, id: string, changes: Partial<T>): Promise<T | null> {
    const entity = await this.findOne(workspaceId, id);
    if (!entity) return null;
    return this.repository.save(this.repository.merge(entity, changes as T));
  }

  async softDelete(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.repository.softDelete({ id, workspaceId } as FindOptionsWhere<T>);
    return (result.affected ?? 0) > 0;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.repository.delete({ id, workspaceId } as FindOptionsWhere<T>);
    return (result.affected ?? 0) > 0;
  }
}
