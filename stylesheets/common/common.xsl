<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: one module to import for everything shared (parameters,
  dates, page masters, common markup). A document stylesheet does
  <xsl:import href="common/common.xsl"/> and then overrides what it needs.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="params.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="pages.xsl"/>
  <xsl:include href="inline.xsl"/>
</xsl:stylesheet>
