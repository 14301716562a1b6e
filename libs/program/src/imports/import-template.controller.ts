import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiFileResponse, CSV_TYPE, XLSX_TYPE } from '@hocba/spreadsheets';
import { templateCsv, templateXlsx } from './import-template';

/** The enrollment file template: public, it holds no data. */
@ApiTags('program')
@Controller('api/v1/enrollments')
export class ImportTemplateController {
  @Get('template.xlsx')
  @ApiFileResponse('The enrollment file template, as XLSX.', XLSX_TYPE)
  @Header('Content-Type', XLSX_TYPE)
  @Header('Content-Disposition', 'attachment; filename="hocba-mau-danh-sach-hoc-vien.xlsx"')
  xlsx(): Promise<Buffer> {
    return templateXlsx();
  }

  @Get('template.csv')
  @ApiFileResponse('The enrollment file template, as CSV (UTF-8 with BOM).', 'text/csv')
  @Header('Content-Type', CSV_TYPE)
  @Header('Content-Disposition', 'attachment; filename="hocba-mau-danh-sach-hoc-vien.csv"')
  csv(): Buffer {
    return templateCsv();
  }
}
