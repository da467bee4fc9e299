<?xml version="1.0" encoding="UTF-8"?>
<!--
  progress.xsl: a progress report (r:progress-report) as XSL-FO: a count of
  statuses per update column, then the table of recommendations (Rec No,
  Recommendation, Lead agency/partnership, the plan, one column per update)
  with its header repeated on every page. Included by report.xsl; meant for
  a landscape page-sequence.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:r="urn:quire:report:1"
                exclude-result-prefixes="r">

  <!-- Words printed by the progress table (translate for a Welsh edition). -->
  <xsl:param name="report-text-rec-no" select="'Rec Nº'"/>
  <xsl:param name="report-text-recommendation" select="'Recommendation'"/>
  <xsl:param name="report-text-lead-agency" select="'Lead agency/ partnership'"/>
  <xsl:param name="report-text-as-at" select="'as at'"/>
  <xsl:param name="report-text-summary" select="'Summary of progress'"/>
  <xsl:param name="report-text-summary-status" select="'Status'"/>
  <xsl:param name="report-text-no-status" select="'No status given'"/>
  <xsl:param name="report-text-total" select="'Total'"/>
  <xsl:param name="report-text-status-completed" select="'Completed'"/>
  <xsl:param name="report-text-status-completed-and-ongoing" select="'Completed and ongoing'"/>
  <xsl:param name="report-text-status-nearing-completion" select="'Nearing completion'"/>
  <xsl:param name="report-text-status-in-progress" select="'In progress'"/>
  <xsl:param name="report-text-status-ongoing" select="'Ongoing'"/>
  <xsl:param name="report-text-status-not-started" select="'Not started'"/>

  <!-- Column widths. Rec No and Lead agency are fixed (their words do not
       wrap well, however many update columns there are); Recommendation,
       the plan and each update share the rest in proportion to the printed
       table's columns (about 33, 28 and 28 characters a line). -->
  <xsl:param name="report-progress-width-number" select="'10mm'"/>
  <xsl:param name="report-progress-width-lead" select="'25mm'"/>
  <xsl:param name="report-progress-width-recommendation" select="'33'"/>
  <xsl:param name="report-progress-width-plan" select="'28'"/>
  <xsl:param name="report-progress-width-update" select="'27'"/>
  <xsl:param name="report-progress-font-size" select="'10pt'"/>
  <xsl:param name="report-progress-cell-padding" select="'2pt 3pt'"/>
  <!-- Where a long row splits across pages: 'retain' closes the cells'
       rules at the page foot and keeps their padding on both sides of the
       break, as a printed table does; 'discard' (XSL's initial value)
       leaves the cells open at the foot. Above the continuation the
       repeated header's rule already closes the cells. -->
  <xsl:param name="report-progress-rules-at-break" select="'retain'"/>

  <!-- Every ruled cell of the progress tables. -->
  <xsl:attribute-set name="r-ruled-cell">
    <xsl:attribute name="border"><xsl:value-of select="concat('0.5pt solid ', $rule-colour)"/></xsl:attribute>
    <xsl:attribute name="padding"><xsl:value-of select="$report-progress-cell-padding"/></xsl:attribute>
    <xsl:attribute name="border-after-width.conditionality"><xsl:value-of select="$report-progress-rules-at-break"/></xsl:attribute>
    <xsl:attribute name="padding-before.conditionality"><xsl:value-of select="$report-progress-rules-at-break"/></xsl:attribute>
    <xsl:attribute name="padding-after.conditionality"><xsl:value-of select="$report-progress-rules-at-break"/></xsl:attribute>
  </xsl:attribute-set>

  <!-- The statuses in the order the summary lists them. -->
  <xsl:variable name="r-status-order"
                select="'completed completed-and-ongoing nearing-completion in-progress ongoing not-started '"/>

  <xsl:template name="r-status-label">
    <xsl:param name="status"/>
    <xsl:choose>
      <xsl:when test="$status = 'completed'"><xsl:value-of select="$report-text-status-completed"/></xsl:when>
      <xsl:when test="$status = 'completed-and-ongoing'"><xsl:value-of select="$report-text-status-completed-and-ongoing"/></xsl:when>
      <xsl:when test="$status = 'nearing-completion'"><xsl:value-of select="$report-text-status-nearing-completion"/></xsl:when>
      <xsl:when test="$status = 'in-progress'"><xsl:value-of select="$report-text-status-in-progress"/></xsl:when>
      <xsl:when test="$status = 'ongoing'"><xsl:value-of select="$report-text-status-ongoing"/></xsl:when>
      <xsl:when test="$status = 'not-started'"><xsl:value-of select="$report-text-status-not-started"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "November 2016" from "2016-11". -->
  <xsl:template name="r-month">
    <xsl:param name="ym"/>
    <xsl:variable name="d">
      <xsl:call-template name="qr-format-date">
        <xsl:with-param name="date" select="concat(normalize-space($ym), '-01')"/>
        <xsl:with-param name="style" select="'short'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="substring-after($d, ' ')"/>
  </xsl:template>

  <!-- "6 month progress update (as at November 2016)" -->
  <xsl:template match="r:period" mode="r-heading">
    <xsl:value-of select="concat(normalize-space(.), ' (', $report-text-as-at, ' ')"/>
    <xsl:call-template name="r-month">
      <xsl:with-param name="ym" select="@as-at"/>
    </xsl:call-template>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- Where the count of statuses goes: 'page' (before the table, which
       then starts on a fresh page, so every page of the table begins with
       its header), 'inline' (directly before the table) or 'none'. -->
  <xsl:param name="report-progress-summary" select="'page'"/>

  <xsl:template match="r:progress-report">
    <xsl:if test="$report-progress-summary != 'none'">
      <xsl:apply-templates select="." mode="r-summary"/>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$report-progress-summary = 'page'">
        <fo:block break-before="page">
          <xsl:apply-templates select="." mode="r-table"/>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="r-table"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== the summary of statuses ===== -->

  <xsl:template match="r:progress-report" mode="r-summary">
    <xsl:variable name="report" select="."/>
    <xsl:variable name="periods" select="r:periods/r:period"/>
    <fo:block font-weight="bold" space-before="6pt" space-after="4pt"
              keep-with-next.within-page="always">
      <xsl:value-of select="$report-text-summary"/>
    </fo:block>
    <!-- Narrow columns of fixed width while they fit a landscape page;
         with many periods, the full width shared out. -->
    <fo:table table-layout="fixed" border-collapse="collapse" hyphenate="false"
              font-size="{$report-progress-font-size}" space-after="12pt">
      <xsl:choose>
        <xsl:when test="count($periods) &lt;= 4">
          <xsl:attribute name="width"><xsl:value-of select="60 + 45 * count($periods)"/>mm</xsl:attribute>
          <fo:table-column column-width="60mm"/>
          <xsl:for-each select="$periods">
            <fo:table-column column-width="45mm"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="width">100%</xsl:attribute>
          <fo:table-column column-width="proportional-column-width(4)"/>
          <xsl:for-each select="$periods">
            <fo:table-column column-width="proportional-column-width(3)"/>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <fo:table-header>
        <fo:table-row keep-together.within-page="always">
          <xsl:call-template name="r-cell">
            <xsl:with-param name="header" select="'yes'"/>
            <xsl:with-param name="text" select="$report-text-summary-status"/>
          </xsl:call-template>
          <xsl:for-each select="$periods">
            <xsl:call-template name="r-cell">
              <xsl:with-param name="header" select="'yes'"/>
              <xsl:with-param name="text"><xsl:apply-templates select="." mode="r-heading"/></xsl:with-param>
            </xsl:call-template>
          </xsl:for-each>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:call-template name="r-summary-rows">
          <xsl:with-param name="report" select="$report"/>
          <xsl:with-param name="statuses" select="$r-status-order"/>
        </xsl:call-template>
        <!-- Rows with no status for a period (no update, or an update that
             gave none), shown only when there are some. -->
        <xsl:variable name="all" select="count(r:recommendation)"/>
        <xsl:if test="count(r:recommendation/r:update[@status]) &lt; $all * count($periods)">
          <fo:table-row>
            <xsl:call-template name="r-cell">
              <xsl:with-param name="text" select="$report-text-no-status"/>
            </xsl:call-template>
            <xsl:for-each select="$periods">
              <xsl:variable name="pid" select="@id"/>
              <xsl:call-template name="r-cell">
                <xsl:with-param name="align" select="'end'"/>
                <xsl:with-param name="text" select="$all - count($report/r:recommendation/r:update[@period = $pid][@status])"/>
              </xsl:call-template>
            </xsl:for-each>
          </fo:table-row>
        </xsl:if>
        <fo:table-row font-weight="bold">
          <xsl:call-template name="r-cell">
            <xsl:with-param name="text" select="$report-text-total"/>
          </xsl:call-template>
          <xsl:for-each select="$periods">
            <xsl:call-template name="r-cell">
              <xsl:with-param name="align" select="'end'"/>
              <xsl:with-param name="text" select="$all"/>
            </xsl:call-template>
          </xsl:for-each>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- One row per status that occurs at least once, walking the
       space-separated list of statuses. -->
  <xsl:template name="r-summary-rows">
    <xsl:param name="report"/>
    <xsl:param name="statuses"/>
    <xsl:if test="$statuses != ''">
      <xsl:variable name="s" select="substring-before($statuses, ' ')"/>
      <xsl:if test="$report/r:recommendation/r:update[@status = $s]">
        <fo:table-row>
          <xsl:call-template name="r-cell">
            <xsl:with-param name="text">
              <xsl:call-template name="r-status-label">
                <xsl:with-param name="status" select="$s"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:for-each select="$report/r:periods/r:period">
            <xsl:variable name="pid" select="@id"/>
            <xsl:call-template name="r-cell">
              <xsl:with-param name="align" select="'end'"/>
              <xsl:with-param name="text" select="count($report/r:recommendation/r:update[@period = $pid][@status = $s])"/>
            </xsl:call-template>
          </xsl:for-each>
        </fo:table-row>
      </xsl:if>
      <xsl:call-template name="r-summary-rows">
        <xsl:with-param name="report" select="$report"/>
        <xsl:with-param name="statuses" select="substring-after($statuses, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A ruled table cell holding one line of text. -->
  <xsl:template name="r-cell">
    <xsl:param name="text"/>
    <xsl:param name="header" select="'no'"/>
    <xsl:param name="align" select="'start'"/>
    <fo:table-cell xsl:use-attribute-sets="r-ruled-cell">
      <xsl:if test="$header = 'yes'">
        <xsl:attribute name="background-color"><xsl:value-of select="$table-header-background"/></xsl:attribute>
        <xsl:attribute name="font-weight">bold</xsl:attribute>
      </xsl:if>
      <fo:block text-align="{$align}"><xsl:value-of select="$text"/></fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- ===== the table of recommendations ===== -->

  <xsl:template match="r:progress-report" mode="r-table">
    <!-- No hyphenation in the narrow columns: the printed table had none,
         and broken words copy badly out of the PDF. -->
    <fo:table table-layout="fixed" width="100%" border-collapse="collapse"
              font-size="{$report-progress-font-size}" hyphenate="false"
              start-indent="0mm" end-indent="0mm">
      <xsl:if test="@id">
        <xsl:attribute name="id"><xsl:call-template name="r-anchor"/></xsl:attribute>
      </xsl:if>
      <fo:table-column column-width="{$report-progress-width-number}"/>
      <fo:table-column column-width="proportional-column-width({$report-progress-width-recommendation})"/>
      <fo:table-column column-width="{$report-progress-width-lead}"/>
      <fo:table-column column-width="proportional-column-width({$report-progress-width-plan})"/>
      <xsl:for-each select="r:periods/r:period">
        <fo:table-column column-width="proportional-column-width({$report-progress-width-update})"/>
      </xsl:for-each>
      <fo:table-header>
        <fo:table-row keep-together.within-page="always">
          <xsl:call-template name="r-cell">
            <xsl:with-param name="header" select="'yes'"/>
            <xsl:with-param name="text" select="$report-text-rec-no"/>
          </xsl:call-template>
          <xsl:call-template name="r-cell">
            <xsl:with-param name="header" select="'yes'"/>
            <xsl:with-param name="text" select="$report-text-recommendation"/>
          </xsl:call-template>
          <xsl:call-template name="r-cell">
            <xsl:with-param name="header" select="'yes'"/>
            <xsl:with-param name="text" select="$report-text-lead-agency"/>
          </xsl:call-template>
          <xsl:call-template name="r-cell">
            <xsl:with-param name="header" select="'yes'"/>
            <xsl:with-param name="text">
              <xsl:value-of select="concat(normalize-space(r:periods/r:plan-heading), ' ', $report-text-as-at, ' ')"/>
              <xsl:call-template name="r-month">
                <xsl:with-param name="ym" select="r:periods/r:plan-heading/@as-at"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:for-each select="r:periods/r:period">
            <xsl:call-template name="r-cell">
              <xsl:with-param name="header" select="'yes'"/>
              <xsl:with-param name="text"><xsl:apply-templates select="." mode="r-heading"/></xsl:with-param>
            </xsl:call-template>
          </xsl:for-each>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:apply-templates select="r:recommendation"/>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template match="r:recommendation">
    <xsl:variable name="rec" select="."/>
    <!-- The row's anchor comes from its number, so rec-refs and bookmarks
         can reach it (on the number's block: FOP does not resolve ids on
         table rows); an author's own id goes on the number itself. -->
    <fo:table-row>
      <fo:table-cell xsl:use-attribute-sets="r-ruled-cell">
        <fo:block font-weight="bold">
          <xsl:attribute name="id">
            <xsl:call-template name="r-anchor">
              <xsl:with-param name="id" select="concat('rec-', @number)"/>
            </xsl:call-template>
          </xsl:attribute>
          <fo:inline>
            <xsl:if test="@id">
              <xsl:attribute name="id"><xsl:call-template name="r-anchor"/></xsl:attribute>
            </xsl:if>
            <xsl:value-of select="@number"/>
          </fo:inline>
        </fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="r-ruled-cell">
        <xsl:if test="r:title">
          <fo:block font-weight="bold" space-after="3pt" keep-with-next.within-page="always">
            <xsl:apply-templates select="r:title/node()"/>
          </fo:block>
        </xsl:if>
        <xsl:apply-templates select="r:text/*" mode="r-cell"/>
      </fo:table-cell>
      <!-- The narrowest column: long names ("establishments") may hyphenate. -->
      <fo:table-cell xsl:use-attribute-sets="r-ruled-cell" hyphenate="true">
        <xsl:for-each select="r:lead/r:agency">
          <fo:block><xsl:value-of select="normalize-space(.)"/></fo:block>
        </xsl:for-each>
        <!-- A cell needs at least one block. -->
        <xsl:if test="not(r:lead/r:agency)"><fo:block/></xsl:if>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="r-ruled-cell">
        <xsl:apply-templates select="r:plan/*" mode="r-cell"/>
      </fo:table-cell>
      <!-- periods[1]: the schema allows one, and the position lets
           libxml2 stop at it instead of scanning every recommendation of
           the report for each row (rows x rows on a long table). -->
      <xsl:for-each select="../r:periods[1]/r:period">
        <xsl:variable name="pid" select="@id"/>
        <fo:table-cell xsl:use-attribute-sets="r-ruled-cell">
          <xsl:variable name="update" select="$rec/r:update[@period = $pid]"/>
          <xsl:apply-templates select="$update" mode="r-cell"/>
          <xsl:if test="not($update/*) and not($update/@status)"><fo:block/></xsl:if>
        </fo:table-cell>
      </xsl:for-each>
    </fo:table-row>
  </xsl:template>

  <xsl:template match="r:update" mode="r-cell">
    <xsl:if test="@status or @label">
      <fo:block font-weight="bold" space-after="3pt" keep-with-next.within-page="always">
        <xsl:choose>
          <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="r-status-label">
              <xsl:with-param name="status" select="@status"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </fo:block>
    </xsl:if>
    <xsl:apply-templates select="*" mode="r-cell"/>
  </xsl:template>

  <!-- In the narrow columns of the table, paragraphs are ragged right and
       closer together; everything else is the common markup. -->
  <xsl:template match="r:p" mode="r-cell">
    <fo:block space-after="4pt" text-align="start">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- Subheadings in a cell are underlined, as the printed table has them
       (bold is taken by the titles and statuses). -->
  <xsl:template match="r:heading" mode="r-cell">
    <fo:block text-decoration="underline" space-before="4pt" space-after="2pt"
              keep-with-next.within-page="always" text-align="start">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="*" mode="r-cell">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- A reference to a recommendation: a link to its row. The schema has
       checked that the number exists in this progress report. -->
  <xsl:template match="r:rec-ref">
    <fo:basic-link>
      <xsl:attribute name="internal-destination">
        <xsl:call-template name="r-anchor">
          <xsl:with-param name="id" select="concat('rec-', @number)"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:apply-templates/>
    </fo:basic-link>
  </xsl:template>

  <!-- Lists in the table: a narrower indent and ragged right, as justified
       text in a 50 mm column opens rivers. -->
  <xsl:template match="r:recommendation//r:ul | r:recommendation//r:ol">
    <fo:list-block provisional-distance-between-starts="4mm"
                   provisional-label-separation="1mm" space-after="4pt">
      <xsl:apply-templates select="r:li"/>
    </fo:list-block>
  </xsl:template>

  <xsl:template match="r:recommendation//r:li">
    <fo:list-item space-after="2pt">
      <fo:list-item-label end-indent="label-end()">
        <fo:block text-align="start">
          <xsl:call-template name="qr-list-label"/>
        </fo:block>
      </fo:list-item-label>
      <fo:list-item-body start-indent="body-start()">
        <fo:block text-align="start">
          <xsl:apply-templates/>
        </fo:block>
      </fo:list-item-body>
    </fo:list-item>
  </xsl:template>

  <xsl:template match="r:recommendation//r:li/r:p">
    <fo:block space-before="2pt" text-align="start">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

</xsl:stylesheet>
